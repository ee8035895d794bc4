-- The order lookup's ready answer (issue 12): per order, the JSON of its order and parcels exactly
-- as the lookup returns them (scans already translated), so a lookup is one read. A view is
-- deleted, by the triggers below, in the same transaction as any write that could change it:
-- the order, its parcels, their scans, a carrier's document about one of its parcels. Every
-- write path is covered because the database does it, not the code that writes.
--
-- `token` is the reader's claim: a reader that misses inserts the row with its own random token
-- (or finds another reader's), reads the order afresh, and stores the body only while the row
-- with that token still exists; a write in between deleted the row, so stale data is never
-- stored. `build` names the proxy build that translated the scans; another build ignores it.
CREATE TABLE order_views (
    shop    TEXT NOT NULL,
    number  TEXT NOT NULL,
    token   INTEGER NOT NULL,
    build   TEXT,
    body    TEXT,
    PRIMARY KEY (shop, number)
);

-- The parcels a view was built from, so a carrier's document about a parcel (which may name no
-- order, or an order of another shop) reaches every view that showed it.
CREATE TABLE order_view_parcels (
    tracking_number  TEXT NOT NULL,
    shop             TEXT NOT NULL,
    number           TEXT NOT NULL,
    PRIMARY KEY (tracking_number, shop, number)
);

CREATE TRIGGER order_views_order_insert AFTER INSERT ON orders BEGIN
    DELETE FROM order_views WHERE shop = NEW.shop AND number = NEW.number;
END;
CREATE TRIGGER order_views_order_update AFTER UPDATE ON orders BEGIN
    DELETE FROM order_views WHERE shop = OLD.shop AND number = OLD.number;
    DELETE FROM order_views WHERE shop = NEW.shop AND number = NEW.number;
END;
-- A deleted order (a privacy request) leaves nothing behind: its view and what it was built from.
CREATE TRIGGER order_views_order_delete AFTER DELETE ON orders BEGIN
    DELETE FROM order_views WHERE shop = OLD.shop AND number = OLD.number;
    DELETE FROM order_view_parcels WHERE shop = OLD.shop AND number = OLD.number;
END;

CREATE TRIGGER order_views_shipment_insert AFTER INSERT ON shipments BEGIN
    DELETE FROM order_views WHERE shop = NEW.shop AND number = NEW.order_number;
    DELETE FROM order_views WHERE shop = NEW.shop AND number IN
        (SELECT number FROM order_view_parcels WHERE tracking_number = NEW.tracking_number AND shop = NEW.shop);
END;
CREATE TRIGGER order_views_shipment_update AFTER UPDATE ON shipments BEGIN
    DELETE FROM order_views WHERE shop = OLD.shop AND number = OLD.order_number;
    DELETE FROM order_views WHERE shop = NEW.shop AND number = NEW.order_number;
    DELETE FROM order_views WHERE shop = NEW.shop AND number IN
        (SELECT number FROM order_view_parcels WHERE tracking_number = NEW.tracking_number AND shop = NEW.shop);
END;
CREATE TRIGGER order_views_shipment_delete AFTER DELETE ON shipments BEGIN
    DELETE FROM order_views WHERE shop = OLD.shop AND number = OLD.order_number;
    DELETE FROM order_views WHERE shop = OLD.shop AND number IN
        (SELECT number FROM order_view_parcels WHERE tracking_number = OLD.tracking_number AND shop = OLD.shop);
END;

CREATE TRIGGER order_views_scan_insert AFTER INSERT ON tracking_events BEGIN
    DELETE FROM order_views WHERE shop = NEW.shop AND number IN
        (SELECT order_number FROM shipments WHERE shop = NEW.shop AND tracking_number = NEW.tracking_number);
    DELETE FROM order_views WHERE shop = NEW.shop AND number IN
        (SELECT number FROM order_view_parcels WHERE tracking_number = NEW.tracking_number AND shop = NEW.shop);
END;
CREATE TRIGGER order_views_scan_update AFTER UPDATE ON tracking_events BEGIN
    DELETE FROM order_views WHERE shop = OLD.shop AND number IN
        (SELECT order_number FROM shipments WHERE shop = OLD.shop AND tracking_number = OLD.tracking_number);
    DELETE FROM order_views WHERE shop = OLD.shop AND number IN
        (SELECT number FROM order_view_parcels WHERE tracking_number = OLD.tracking_number AND shop = OLD.shop);
    DELETE FROM order_views WHERE shop = NEW.shop AND number IN
        (SELECT order_number FROM shipments WHERE shop = NEW.shop AND tracking_number = NEW.tracking_number);
    DELETE FROM order_views WHERE shop = NEW.shop AND number IN
        (SELECT number FROM order_view_parcels WHERE tracking_number = NEW.tracking_number AND shop = NEW.shop);
END;
CREATE TRIGGER order_views_scan_delete AFTER DELETE ON tracking_events BEGIN
    DELETE FROM order_views WHERE shop = OLD.shop AND number IN
        (SELECT order_number FROM shipments WHERE shop = OLD.shop AND tracking_number = OLD.tracking_number);
    DELETE FROM order_views WHERE shop = OLD.shop AND number IN
        (SELECT number FROM order_view_parcels WHERE tracking_number = OLD.tracking_number AND shop = OLD.shop);
END;

-- A carrier's document is keyed by the parcel alone; its order and shop may be unknown.
CREATE TRIGGER order_views_carrier_insert AFTER INSERT ON carrier_tracking BEGIN
    DELETE FROM order_views WHERE shop = NEW.shop AND number = NEW.order_number;
    DELETE FROM order_views WHERE (shop, number) IN
        (SELECT shop, number FROM order_view_parcels WHERE tracking_number = NEW.tracking_number);
END;
CREATE TRIGGER order_views_carrier_update AFTER UPDATE ON carrier_tracking BEGIN
    DELETE FROM order_views WHERE shop = OLD.shop AND number = OLD.order_number;
    DELETE FROM order_views WHERE shop = NEW.shop AND number = NEW.order_number;
    DELETE FROM order_views WHERE (shop, number) IN
        (SELECT shop, number FROM order_view_parcels WHERE tracking_number IN (OLD.tracking_number, NEW.tracking_number));
END;
CREATE TRIGGER order_views_carrier_delete AFTER DELETE ON carrier_tracking BEGIN
    DELETE FROM order_views WHERE shop = OLD.shop AND number = OLD.order_number;
    DELETE FROM order_views WHERE (shop, number) IN
        (SELECT shop, number FROM order_view_parcels WHERE tracking_number = OLD.tracking_number);
END;
