-- Orleans' ADO.NET providers read the SQL they run from this table, keyed by QueryKey.
-- Every script in this folder is applied by the silo at start-up and is safe to apply again.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);
