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
    token   BIGINT NOT NULL,
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

-- Forgets the views of `shop`'s order `number` and of every order shown with parcel `parcel`
-- (in `shop`, or in any shop when `shop` is NULL). NULL arguments match nothing.
CREATE FUNCTION order_views_forget(p_shop TEXT, p_number TEXT, p_parcel TEXT, p_any_shop BOOLEAN)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF p_number IS NOT NULL THEN
        DELETE FROM order_views WHERE shop = p_shop AND number = p_number;
    END IF;
    IF p_parcel IS NOT NULL THEN
        DELETE FROM order_views v USING order_view_parcels p
            WHERE p.tracking_number = p_parcel AND (p_any_shop OR p.shop = p_shop)
              AND v.shop = p.shop AND v.number = p.number;
    END IF;
END $$;

CREATE FUNCTION order_views_orders() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM order_views_forget(OLD.shop, OLD.number, NULL, false);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM order_views_forget(NEW.shop, NEW.number, NULL, false);
    ELSE
        -- A deleted order (a privacy request) leaves nothing behind.
        DELETE FROM order_view_parcels WHERE shop = OLD.shop AND number = OLD.number;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER order_views_orders AFTER INSERT OR UPDATE OR DELETE ON orders
    FOR EACH ROW EXECUTE FUNCTION order_views_orders();

CREATE FUNCTION order_views_shipments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM order_views_forget(OLD.shop, OLD.order_number, OLD.tracking_number, false);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM order_views_forget(NEW.shop, NEW.order_number, NEW.tracking_number, false);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER order_views_shipments AFTER INSERT OR UPDATE OR DELETE ON shipments
    FOR EACH ROW EXECUTE FUNCTION order_views_shipments();

CREATE FUNCTION order_views_forget_scan(p_shop TEXT, p_parcel TEXT)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM order_views v USING shipments s
        WHERE s.shop = p_shop AND s.tracking_number = p_parcel
          AND v.shop = s.shop AND v.number = s.order_number;
    PERFORM order_views_forget(p_shop, NULL, p_parcel, false);
END $$;

CREATE FUNCTION order_views_scans() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM order_views_forget_scan(OLD.shop, OLD.tracking_number);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM order_views_forget_scan(NEW.shop, NEW.tracking_number);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER order_views_scans AFTER INSERT OR UPDATE OR DELETE ON tracking_events
    FOR EACH ROW EXECUTE FUNCTION order_views_scans();

-- A carrier's document is keyed by the parcel alone; its order and shop may be unknown.
CREATE FUNCTION order_views_carrier() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM order_views_forget(OLD.shop, OLD.order_number, OLD.tracking_number, true);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM order_views_forget(NEW.shop, NEW.order_number, NEW.tracking_number, true);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER order_views_carrier AFTER INSERT OR UPDATE OR DELETE ON carrier_tracking
    FOR EACH ROW EXECUTE FUNCTION order_views_carrier();
