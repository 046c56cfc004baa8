-- The paper venue's finished orders, per account. The venue's grain state keeps its working orders and only a
-- handful of finished ones; the rest move here, so its stored book stays small however long an account trades,
-- while reconciliation can still learn how any order it sent ended.
CREATE TABLE IF NOT EXISTS venue_orders
(
    account_id      TEXT NOT NULL,
    client_order_id TEXT NOT NULL,
    symbol          TEXT NOT NULL,
    side            TEXT NOT NULL,  -- buy | sell
    quantity        TEXT NOT NULL,
    status          TEXT NOT NULL,  -- filled | cancelled | rejected
    filled_quantity TEXT NOT NULL,
    finished_at     TEXT NOT NULL,
    report          TEXT NOT NULL,  -- the venue's final report of the order, with its fills (JSON)
    PRIMARY KEY (account_id, client_order_id)
);

CREATE TRIGGER IF NOT EXISTS venue_orders_no_update BEFORE UPDATE ON venue_orders
BEGIN SELECT RAISE(ABORT, 'venue_orders is append-only'); END;
CREATE TRIGGER IF NOT EXISTS venue_orders_no_delete BEFORE DELETE ON venue_orders
BEGIN SELECT RAISE(ABORT, 'venue_orders is append-only'); END;
