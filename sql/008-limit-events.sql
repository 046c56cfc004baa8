-- What the risk limits did to an account, append-only: a limit tripped (dailyLossLimit, maxDrawdown, stopLossGuard),
-- its overrides changed (limitsChanged), an operator reset its drawdown halt (drawdownReset, with the operator's reason).
-- event_id is the account's own id for the event (kind and instant), written with INSERT OR IGNORE like the journal.
CREATE TABLE IF NOT EXISTS journal_limit_events
(
    account_id TEXT NOT NULL,
    event_id   TEXT NOT NULL,
    kind       TEXT NOT NULL,  -- dailyLossLimit | maxDrawdown | stopLossGuard | limitsChanged | drawdownReset
    detail     TEXT NOT NULL,
    at         TEXT NOT NULL,
    PRIMARY KEY (account_id, event_id)
);

CREATE INDEX IF NOT EXISTS IX_journal_limit_events_account_newest ON journal_limit_events (account_id, at);

CREATE TRIGGER IF NOT EXISTS journal_limit_events_no_update BEFORE UPDATE ON journal_limit_events
BEGIN SELECT RAISE(ABORT, 'journal_limit_events is append-only'); END;
CREATE TRIGGER IF NOT EXISTS journal_limit_events_no_delete BEFORE DELETE ON journal_limit_events
BEGIN SELECT RAISE(ABORT, 'journal_limit_events is append-only'); END;
