-- Accounts with exposure, grouped in reconciliation shards (see sql/010-monitored-accounts.sql). Each shard grain holds
-- one Orleans reminder; when its silo dies the reminder fires on a survivor, which re-activates every account listed
-- here: that is what brings a killed silo's open positions back under watch without any outside call.
CREATE TABLE IF NOT EXISTS monitored_accounts
(
    account_id text    NOT NULL PRIMARY KEY,
    shard      integer NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_monitored_accounts_shard ON monitored_accounts (shard);
