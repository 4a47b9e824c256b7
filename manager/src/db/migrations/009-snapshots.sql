-- Snapshots of a server's folder, archived on its agent's host (docs/design.md, snapshots). The
-- row is the manager's record; the archive is `{snapshot root}/{server name}/{id}.tar.gz` there.
CREATE TABLE snapshots (
  seq           INTEGER PRIMARY KEY AUTOINCREMENT,
  id            TEXT NOT NULL UNIQUE,
  server_id     TEXT NOT NULL REFERENCES servers(id),
  agent_id      TEXT NOT NULL REFERENCES agents(id),
  -- The folder name the archive was filed under (a server's name never changes, but a purged
  -- server's name may be reused: the archive stays where it was written).
  server_name   TEXT NOT NULL,
  reason        TEXT NOT NULL CHECK (reason IN ('manual', 'before-rebuild', 'before-image-change', 'before-rollback', 'before-purge')),
  status        TEXT NOT NULL CHECK (status IN ('creating', 'ready', 'failed')),
  verified      INTEGER NOT NULL DEFAULT 0,
  size_bytes    INTEGER,
  file_count    INTEGER,
  total_bytes   INTEGER,
  error         TEXT,
  operation_id  TEXT,
  requested_by  TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  finished_at   TEXT
);
CREATE INDEX snapshots_by_server ON snapshots(server_id, seq);

-- The last healthy fingerprint of data/ (JSON {fileCount,totalBytes,hasSaves,takenAt}), how many
-- automatic snapshots to keep, and whether an image/tag change waits for its first container.
ALTER TABLE servers ADD COLUMN healthy_fingerprint TEXT;
ALTER TABLE servers ADD COLUMN snapshot_retention INTEGER NOT NULL DEFAULT 5;
ALTER TABLE servers ADD COLUMN image_change_pending INTEGER NOT NULL DEFAULT 0;

-- What a queued action needs when it runs after its agent is back.
ALTER TABLE operations ADD COLUMN allow_data_divergence INTEGER NOT NULL DEFAULT 0;
ALTER TABLE operations ADD COLUMN snapshot_id TEXT;
