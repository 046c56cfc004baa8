-- Grain state for Orleans' ADO.NET grain storage provider: one row per grain. Version is the ETag: a write whose
-- expected version does not match (or that inserts a row another activation already wrote) returns no row, which the
-- provider reports as an inconsistent-state error. That is what keeps two activations of one account (possible for a
-- moment while a dead silo is being declared dead) from both committing state.
CREATE TABLE IF NOT EXISTS OrleansStorage
(
    ServiceId              varchar(150) NOT NULL,
    GrainTypeString        varchar(512) NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainIdExtensionString varchar(512) NOT NULL,
    GrainIdHash            integer      NOT NULL,
    GrainTypeHash          integer      NOT NULL,
    PayloadBinary          bytea        NULL,
    ModifiedOn             timestamptz  NOT NULL,
    Version                integer      NOT NULL,
    PRIMARY KEY (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', '
SELECT PayloadBinary, Version
FROM OrleansStorage
WHERE ServiceId = @ServiceId
  AND GrainTypeString = @GrainTypeString
  AND GrainIdN0 = @GrainIdN0
  AND GrainIdN1 = @GrainIdN1
  AND GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '''');'),
('WriteToStorageKey', '
INSERT INTO OrleansStorage AS s
    (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString, GrainIdHash, GrainTypeHash, PayloadBinary, ModifiedOn, Version)
VALUES
    (@ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, COALESCE(@GrainIdExtensionString, ''''), @GrainIdHash, @GrainTypeHash,
     @PayloadBinary, now(), 1)
ON CONFLICT (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString) DO UPDATE
    SET PayloadBinary = excluded.PayloadBinary,
        ModifiedOn = excluded.ModifiedOn,
        Version = s.Version + 1
    WHERE s.Version = @GrainStateVersion
RETURNING s.Version AS NewGrainStateVersion;'),
('ClearStorageKey', '
UPDATE OrleansStorage
SET PayloadBinary = NULL, ModifiedOn = now(), Version = Version + 1
WHERE ServiceId = @ServiceId
  AND GrainTypeString = @GrainTypeString
  AND GrainIdN0 = @GrainIdN0
  AND GrainIdN1 = @GrainIdN1
  AND GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '''')
  AND Version = @GrainStateVersion
RETURNING Version AS NewGrainStateVersion;'),
('DeleteStorageKey', '
DELETE FROM OrleansStorage
WHERE ServiceId = @ServiceId
  AND GrainTypeString = @GrainTypeString
  AND GrainIdN0 = @GrainIdN0
  AND GrainIdN1 = @GrainIdN1
  AND GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '''')
  AND Version = @GrainStateVersion
RETURNING Version + 1 AS NewGrainStateVersion;')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText WHERE OrleansQuery.QueryText <> excluded.QueryText;
