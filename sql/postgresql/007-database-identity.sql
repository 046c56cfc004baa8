-- The database's identity, one row, written by the first silo that applies the schema, with the cluster it belongs
-- to. One cluster per database: a silo configured with another cluster id or service id refuses to start (naming both)
-- instead of joining a second membership or writing grain state and reminders the rest of the cluster never sees.
CREATE TABLE IF NOT EXISTS engine_database
(
    singleton   integer     PRIMARY KEY CHECK (singleton = 1),
    database_id text        NOT NULL,
    cluster_id  text        NOT NULL,
    service_id  text        NOT NULL,
    created_at  timestamptz NOT NULL
);
