-- The trading journal in PostgreSQL: the same tables and natural keys as the SQLite journal (sql/004-journal.sql,
-- sql/005-decisions.sql, sql/008-limit-events.sql), shared by every silo of the cluster. Money, prices and quantities
-- are numeric (exact, scale kept), times timestamptz. Rows are written with ON CONFLICT DO NOTHING, so a retry after a
-- crash (or by the account's next activation on another silo) adds no duplicate. row_no orders rows written in the
-- same instant, as rowid does in SQLite.

-- Append-only means append-only: the database itself refuses edits.
CREATE OR REPLACE FUNCTION journal_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END
$$;

CREATE TABLE IF NOT EXISTS journal_order_events
(
    account_id      text        NOT NULL,
    order_id        text        NOT NULL,
    seq             integer     NOT NULL,
    symbol          text        NOT NULL,
    side            text        NOT NULL,  -- buy | sell
    quantity        numeric     NOT NULL,
    limit_price     numeric     NULL,
    reduce_only     boolean     NOT NULL,
    purpose         text        NOT NULL,  -- entry | signal | stopLoss | trailingStop | flatten | reconciliation
    position_id     text        NULL,
    signal_id       text        NULL,
    status          text        NOT NULL,  -- pending | accepted | partiallyFilled | filled | cancelled | rejected
    filled_quantity numeric     NOT NULL,
    average_price   numeric     NULL,
    note            text        NULL,
    created_at      timestamptz NOT NULL,
    at              timestamptz NOT NULL,
    row_no          bigint      GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (account_id, order_id, seq)
);

CREATE TABLE IF NOT EXISTS journal_fills
(
    account_id text        NOT NULL,
    fill_id    text        NOT NULL,
    order_id   text        NOT NULL,
    symbol     text        NOT NULL,
    side       text        NOT NULL,
    quantity   numeric     NOT NULL,
    price      numeric     NOT NULL,
    at         timestamptz NOT NULL,
    PRIMARY KEY (account_id, fill_id)
);

CREATE TABLE IF NOT EXISTS journal_trades
(
    account_id  text        NOT NULL,
    trade_id    text        NOT NULL,
    position_id text        NOT NULL,
    symbol      text        NOT NULL,
    side        text        NOT NULL,  -- long | short
    quantity    numeric     NOT NULL,
    entry_price numeric     NOT NULL,
    exit_price  numeric     NOT NULL,
    pnl         numeric     NOT NULL,
    reason      text        NOT NULL,  -- signal | stopLoss | trailingStop | flatten | reconciliation
    order_id    text        NOT NULL,
    opened_at   timestamptz NOT NULL,
    closed_at   timestamptz NOT NULL,
    row_no      bigint      GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (account_id, trade_id)
);

-- Every decided signal; (account_id, signal_id) is the account's idempotency key across the whole cluster. Never
-- deleted; rewritten only when the retry of a signal whose first answer never reached grain state replaces it.
CREATE TABLE IF NOT EXISTS journal_decisions
(
    account_id            text        NOT NULL,
    signal_id             text        NOT NULL,
    symbol                text        NOT NULL,
    side                  text        NOT NULL,
    quantity              numeric     NOT NULL,
    action                text        NOT NULL,  -- open | close
    stop_loss_percent     numeric     NULL,
    trailing_stop_percent numeric     NULL,
    status                text        NOT NULL,  -- accepted | rejected
    reason                text        NULL,
    detail                text        NULL,
    order_id              text        NULL,
    filled_quantity       numeric     NULL,
    average_price         numeric     NULL,
    stop_loss_price       numeric     NULL,
    realized_pnl          numeric     NULL,
    decided_at            timestamptz NOT NULL,
    row_no                bigint      GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (account_id, signal_id)
);

CREATE TABLE IF NOT EXISTS journal_limit_events
(
    account_id text        NOT NULL,
    event_id   text        NOT NULL,
    kind       text        NOT NULL,  -- dailyLossLimit | maxDrawdown | stopLossGuard | limitsChanged | drawdownReset
    detail     text        NOT NULL,
    at         timestamptz NOT NULL,
    row_no     bigint      GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (account_id, event_id)
);

CREATE INDEX IF NOT EXISTS IX_journal_order_events_newest ON journal_order_events (account_id, created_at);
CREATE INDEX IF NOT EXISTS IX_journal_trades_newest ON journal_trades (account_id, closed_at);
CREATE INDEX IF NOT EXISTS IX_journal_decisions_account_newest ON journal_decisions (account_id, decided_at);
CREATE INDEX IF NOT EXISTS IX_journal_decisions_newest ON journal_decisions (decided_at);
CREATE INDEX IF NOT EXISTS IX_journal_limit_events_account_newest ON journal_limit_events (account_id, at);

CREATE OR REPLACE TRIGGER journal_order_events_append_only BEFORE UPDATE OR DELETE ON journal_order_events
    FOR EACH ROW EXECUTE FUNCTION journal_refuse_change();
CREATE OR REPLACE TRIGGER journal_fills_append_only BEFORE UPDATE OR DELETE ON journal_fills
    FOR EACH ROW EXECUTE FUNCTION journal_refuse_change();
CREATE OR REPLACE TRIGGER journal_trades_append_only BEFORE UPDATE OR DELETE ON journal_trades
    FOR EACH ROW EXECUTE FUNCTION journal_refuse_change();
CREATE OR REPLACE TRIGGER journal_limit_events_append_only BEFORE UPDATE OR DELETE ON journal_limit_events
    FOR EACH ROW EXECUTE FUNCTION journal_refuse_change();
-- Decisions may be rewritten (see above) but never deleted.
CREATE OR REPLACE TRIGGER journal_decisions_no_delete BEFORE DELETE ON journal_decisions
    FOR EACH ROW EXECUTE FUNCTION journal_refuse_change();
