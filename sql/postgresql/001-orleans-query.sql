-- Orleans' ADO.NET providers (clustering, grain storage, reminders) read the SQL they run from this table.
-- The silo applies every script in this folder at start-up, in name order, in one transaction under an advisory lock
-- (several silos may start at once), and each script is safe to apply again: tables and indexes use IF NOT EXISTS,
-- query rows are upserted only when their text changed.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);
