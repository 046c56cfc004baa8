-- The trading journal: append-only, readable with the sqlite3 shell, e.g.
--   sqlite3 data/trading.db "SELECT * FROM journal_trades WHERE account_id = 'va-1' ORDER BY closed_at DESC LIMIT 20;"
-- Money, prices and quantities are exact decimals stored as TEXT; times are ISO-8601 UTC TEXT.
-- Every row has a natural id, and rows are written with INSERT OR IGNORE, so a retry after a crash adds no duplicate.

-- One row per status change of an order: the latest seq per order is its current state.
CREATE TABLE IF NOT EXISTS journal_order_events
(
    account_id      TEXT    NOT NULL,
    order_id        TEXT    NOT NULL,
    seq             INTEGER NOT NULL,
    symbol          TEXT    NOT NULL,
    side            TEXT    NOT NULL,  -- buy | sell
    quantity        TEXT    NOT NULL,
    limit_price     TEXT    NULL,
    reduce_only     INTEGER NOT NULL,  -- 0 | 1
    purpose         TEXT    NOT NULL,  -- entry | signal | stopLoss | trailingStop | flatten | reconciliation
    position_id     TEXT    NULL,
    signal_id       TEXT    NULL,      -- the signal that sent the order (null for stops, flatten)
    status          TEXT    NOT NULL,  -- pending | accepted | partiallyFilled | filled | cancelled | rejected
    filled_quantity TEXT    NOT NULL,
    average_price   TEXT    NULL,
    note            TEXT    NULL,
    created_at      TEXT    NOT NULL,
    at              TEXT    NOT NULL,
    PRIMARY KEY (account_id, order_id, seq)
);

CREATE TABLE IF NOT EXISTS journal_fills
(
    account_id TEXT NOT NULL,
    fill_id    TEXT NOT NULL,
    order_id   TEXT NOT NULL,
    symbol     TEXT NOT NULL,
    side       TEXT NOT NULL,
    quantity   TEXT NOT NULL,
    price      TEXT NOT NULL,
    at         TEXT NOT NULL,
    PRIMARY KEY (account_id, fill_id)
);

-- One row per closed (or partly closed) position; reason: signal | stopLoss | trailingStop | flatten | reconciliation.
CREATE TABLE IF NOT EXISTS journal_trades
(
    account_id  TEXT NOT NULL,
    trade_id    TEXT NOT NULL,
    position_id TEXT NOT NULL,
    symbol      TEXT NOT NULL,
    side        TEXT NOT NULL,  -- long | short
    quantity    TEXT NOT NULL,
    entry_price TEXT NOT NULL,
    exit_price  TEXT NOT NULL,
    pnl         TEXT NOT NULL,
    reason      TEXT NOT NULL,
    order_id    TEXT NOT NULL,
    opened_at   TEXT NOT NULL,
    closed_at   TEXT NOT NULL,
    PRIMARY KEY (account_id, trade_id)
);

CREATE INDEX IF NOT EXISTS IX_journal_order_events_newest ON journal_order_events (account_id, created_at);
CREATE INDEX IF NOT EXISTS IX_journal_trades_newest ON journal_trades (account_id, closed_at);

-- Append-only means append-only: the database itself refuses edits.
CREATE TRIGGER IF NOT EXISTS journal_order_events_no_update BEFORE UPDATE ON journal_order_events
BEGIN SELECT RAISE(ABORT, 'journal_order_events is append-only'); END;
CREATE TRIGGER IF NOT EXISTS journal_order_events_no_delete BEFORE DELETE ON journal_order_events
BEGIN SELECT RAISE(ABORT, 'journal_order_events is append-only'); END;
CREATE TRIGGER IF NOT EXISTS journal_fills_no_update BEFORE UPDATE ON journal_fills
BEGIN SELECT RAISE(ABORT, 'journal_fills is append-only'); END;
CREATE TRIGGER IF NOT EXISTS journal_fills_no_delete BEFORE DELETE ON journal_fills
BEGIN SELECT RAISE(ABORT, 'journal_fills is append-only'); END;
CREATE TRIGGER IF NOT EXISTS journal_trades_no_update BEFORE UPDATE ON journal_trades
BEGIN SELECT RAISE(ABORT, 'journal_trades is append-only'); END;
CREATE TRIGGER IF NOT EXISTS journal_trades_no_delete BEFORE DELETE ON journal_trades
BEGIN SELECT RAISE(ABORT, 'journal_trades is append-only'); END;
