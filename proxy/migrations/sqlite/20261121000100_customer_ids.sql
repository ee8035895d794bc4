-- The shop's customer id beside each order, so a shopper logged in to the storefront (Shopify's
-- app proxy names them by `logged_in_customer_id`) sees their orders without typing anything.
-- Empty for orders that came without one (guest checkouts, the demo's seed before it is set).

ALTER TABLE orders ADD COLUMN customer_id TEXT;

CREATE INDEX orders_customer ON orders (customer_id);
