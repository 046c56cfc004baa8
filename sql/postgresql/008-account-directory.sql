-- Every account id ever created, one row each (see sql/009-account-directory.sql).
CREATE TABLE IF NOT EXISTS account_directory
(
    account_id text NOT NULL PRIMARY KEY
);
