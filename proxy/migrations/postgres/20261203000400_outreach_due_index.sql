-- The monitor claims a shop's orders in check_at order: with the shop first in the index, a
-- claim reads only the rows it takes, not every watched order of the shop (found by the monitor
-- benchmark: without it a pass over many orders grew with the square of their number).
DROP INDEX outreach_watch_due;
CREATE INDEX outreach_watch_due ON outreach_watch (shop, check_at);
