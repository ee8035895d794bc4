-- The order's name as the shopper sees it ("NW1234", "#1234-US"), reduced to its letters and
-- digits in capitals ("NW1234", "1234US"), so a shopper can verify with what the shop showed
-- them. Empty for orders stored before names were kept (their number still verifies).
ALTER TABLE orders ADD COLUMN name_key TEXT;
CREATE INDEX orders_name ON orders (shop, name_key);
