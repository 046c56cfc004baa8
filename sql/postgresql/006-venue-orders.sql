-- The paper venue's finished orders, per account (see sql/006-venue-orders.sql): append-only.
CREATE TABLE IF NOT EXISTS venue_orders
(
    account_id      text        NOT NULL,
    client_order_id text        NOT NULL,
    symbol          text        NOT NULL,
    side            text        NOT NULL,
    quantity        numeric     NOT NULL,
    status          text        NOT NULL,  -- filled | cancelled | rejected
    filled_quantity numeric     NOT NULL,
    finished_at     timestamptz NOT NULL,
    report          jsonb       NOT NULL,  -- the venue's final report of the order, with its fills
    PRIMARY KEY (account_id, client_order_id)
);

CREATE OR REPLACE TRIGGER venue_orders_append_only BEFORE UPDATE OR DELETE ON venue_orders
    FOR EACH ROW EXECUTE FUNCTION journal_refuse_change();
