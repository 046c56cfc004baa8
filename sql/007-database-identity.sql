-- The database file's identity: one row, written when the file is created. The silo compares it with what it
-- opened (a file replaced under a running silo has another identity) and records it outside the file's folder,
-- so a database that disappears between two starts is refused rather than silently recreated empty.
CREATE TABLE IF NOT EXISTS engine_database
(
    singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
    database_id TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
