-- Every account id ever created, one row each. The account directory used to keep them all in one grain-state row,
-- rewritten whole on every create: at 100,000 accounts that is megabytes per create. Rows scale; the old row is
-- moved here on the directory's first activation and then cleared.
CREATE TABLE IF NOT EXISTS account_directory
(
    account_id TEXT NOT NULL PRIMARY KEY
) WITHOUT ROWID;
