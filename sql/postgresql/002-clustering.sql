-- Cluster membership for Orleans' ADO.NET clustering provider: how silos find each other, and the gateway list
-- clients read. DeploymentId is the cluster id. Every change to the member rows bumps the cluster's single version
-- row in the same statement, conditional on the version the silo read: that version is the table's ETag, so two silos
-- never both win a conflicting change.
CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId varchar(150) NOT NULL PRIMARY KEY,
    Timestamp    timestamptz  NOT NULL DEFAULT now(),
    Version      integer      NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId varchar(150)  NOT NULL REFERENCES OrleansMembershipVersionTable (DeploymentId),
    Address      varchar(45)   NOT NULL,
    Port         integer       NOT NULL,
    Generation   integer       NOT NULL,
    SiloName     varchar(150)  NOT NULL,
    HostName     varchar(150)  NOT NULL,
    Status       integer       NOT NULL,
    ProxyPort    integer       NULL,
    SuspectTimes varchar(8000) NULL,
    StartTime    timestamptz   NOT NULL,
    IAmAliveTime timestamptz   NOT NULL,
    PRIMARY KEY (DeploymentId, Address, Port, Generation)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
-- Answers one row: 1 when this call created the cluster's version row, 0 when it existed.
('InsertMembershipVersionKey', '
WITH created AS (
    INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES (@DeploymentId)
    ON CONFLICT (DeploymentId) DO NOTHING
    RETURNING 1)
SELECT COUNT(*)::integer AS Created FROM created;'),
-- The version is bumped first (which locks its row, so concurrent writers queue and the loser sees a newer version),
-- and only when the silo row is new; the row is inserted only when the bump happened.
('InsertMembershipKey', '
WITH bumped AS (
    UPDATE OrleansMembershipVersionTable
    SET Version = Version + 1, Timestamp = now()
    WHERE DeploymentId = @DeploymentId AND Version = @Version
      AND NOT EXISTS (SELECT 1 FROM OrleansMembershipTable m
                      WHERE m.DeploymentId = @DeploymentId AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation)
    RETURNING DeploymentId),
inserted AS (
    INSERT INTO OrleansMembershipTable
        (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
    SELECT DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
    FROM bumped
    RETURNING 1)
SELECT COUNT(*)::integer AS Inserted FROM inserted;'),
('UpdateMembershipKey', '
WITH bumped AS (
    UPDATE OrleansMembershipVersionTable
    SET Version = Version + 1, Timestamp = now()
    WHERE DeploymentId = @DeploymentId AND Version = @Version
      AND EXISTS (SELECT 1 FROM OrleansMembershipTable m
                  WHERE m.DeploymentId = @DeploymentId AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation)
    RETURNING DeploymentId),
updated AS (
    UPDATE OrleansMembershipTable m
    SET Status = @Status, SuspectTimes = @SuspectTimes, IAmAliveTime = @IAmAliveTime
    FROM bumped b
    WHERE m.DeploymentId = b.DeploymentId AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
    RETURNING 1)
SELECT COUNT(*)::integer AS Updated FROM updated;'),
-- A heartbeat: no version bump, nothing to check (Orleans ignores its result).
('UpdateIAmAlivetimeKey', '
UPDATE OrleansMembershipTable
SET IAmAliveTime = @IAmAliveTime
WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation;'),
-- The version row always comes back (outer join), with or without members: Orleans reads the ETag from it.
('MembershipReadRowKey', '
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
FROM OrleansMembershipVersionTable v
LEFT JOIN OrleansMembershipTable m
    ON m.DeploymentId = v.DeploymentId AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
WHERE v.DeploymentId = @DeploymentId;'),
('MembershipReadAllKey', '
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
FROM OrleansMembershipVersionTable v
LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
WHERE v.DeploymentId = @DeploymentId;'),
('DeleteMembershipTableEntriesKey', '
DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;'),
-- What clients connect to: the active silos'' gateways (Status is bound as Active).
('GatewaysQueryKey', '
SELECT Address, ProxyPort, Generation
FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0;'),
-- Rows of silos that stopped heart-beating long ago; the dead (Status 6) are kept only until then too, the active
-- (Status 3) never.
('CleanupDefunctSiloEntriesKey', '
DELETE FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId AND IAmAliveTime < @IAmAliveTime AND Status <> 3;')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText WHERE OrleansQuery.QueryText <> excluded.QueryText;
