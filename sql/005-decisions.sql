-- Every decided signal, accepted or rejected, per account. (account_id, signal_id) is the account's idempotency key
-- forever: a re-sent signal id is answered from its row here, and trades nothing.
-- Rows are never deleted. A row is rewritten in one case only: the journal is written before grain state, so when
-- that state write fails the caller gets an error, not this decision; its retry resumes the same order and its
-- answer replaces the unacknowledged one.
CREATE TABLE IF NOT EXISTS journal_decisions
(
    account_id            TEXT NOT NULL,
    signal_id             TEXT NOT NULL,
    symbol                TEXT NOT NULL,
    side                  TEXT NOT NULL,  -- buy | sell
    quantity              TEXT NOT NULL,
    action                TEXT NOT NULL,  -- open | close
    stop_loss_percent     TEXT NULL,
    trailing_stop_percent TEXT NULL,
    status                TEXT NOT NULL,  -- accepted | rejected
    reason                TEXT NULL,      -- a rejection reason code (killSwitch, staleQuote, ...)
    detail                TEXT NULL,
    order_id              TEXT NULL,
    filled_quantity       TEXT NULL,
    average_price         TEXT NULL,
    stop_loss_price       TEXT NULL,
    realized_pnl          TEXT NULL,
    decided_at            TEXT NOT NULL,
    PRIMARY KEY (account_id, signal_id)
);

CREATE INDEX IF NOT EXISTS IX_journal_decisions_account_newest ON journal_decisions (account_id, decided_at);
CREATE INDEX IF NOT EXISTS IX_journal_decisions_newest ON journal_decisions (decided_at);

DROP TRIGGER IF EXISTS journal_decisions_no_update;
CREATE TRIGGER IF NOT EXISTS journal_decisions_no_delete BEFORE DELETE ON journal_decisions
BEGIN SELECT RAISE(ABORT, 'journal_decisions rows are never deleted'); END;
