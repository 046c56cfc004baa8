-- Accounts with exposure (open orders or positions), grouped in reconciliation shards. Each shard grain holds one
-- Orleans reminder and reconciles its accounts every Trading:Reconciliation:Interval; after a restart (kill -9 too)
-- its reminder re-activates it, and it re-activates every account listed here. A row is written when an account first
-- trades and deleted after it has been flat for a while: never per position.
CREATE TABLE IF NOT EXISTS monitored_accounts
(
    account_id TEXT    NOT NULL PRIMARY KEY,
    shard      INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS ix_monitored_accounts_shard ON monitored_accounts (shard);
