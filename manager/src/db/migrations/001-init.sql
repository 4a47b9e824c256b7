-- Timestamps: ISO-8601 UTC text (new Date().toISOString()). JSON columns hold text.
CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('admin', 'operator', 'viewer')),
  created_at    TEXT NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);

CREATE TABLE agents (
  id               TEXT PRIMARY KEY,
  name             TEXT NOT NULL UNIQUE,
  token_hash       TEXT,
  credential_hash  TEXT,
  server_data_path TEXT,
  default_image    TEXT,
  status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('online', 'offline', 'pending')),
  status_reason    TEXT,
  last_seen_at     TEXT,
  hostname         TEXT,
  created_at       TEXT NOT NULL
);

CREATE TABLE servers (
  id               TEXT PRIMARY KEY,
  agent_id         TEXT NOT NULL REFERENCES agents(id),
  name             TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('creating', 'running', 'stopped', 'missing', 'failed', 'deleted')),
  container_id     TEXT,
  image            TEXT,
  image_tag        TEXT NOT NULL,
  config           TEXT NOT NULL DEFAULT '{}',
  game_port        INTEGER NOT NULL,
  udp_port         INTEGER NOT NULL,
  rcon_port        INTEGER NOT NULL,
  server_data_path TEXT,
  data_exists      INTEGER,
  data_checked_at  TEXT,
  auto_recreate    INTEGER NOT NULL DEFAULT 0,
  deleted_at       TEXT,
  -- Purged servers keep their row (operations and audit refer to them) but are hidden everywhere.
  purged_at        TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE UNIQUE INDEX servers_name_per_agent ON servers(agent_id, name) WHERE purged_at IS NULL;

CREATE TABLE operations (
  seq               INTEGER PRIMARY KEY AUTOINCREMENT,
  id                TEXT NOT NULL UNIQUE,
  server_id         TEXT NOT NULL REFERENCES servers(id),
  agent_id          TEXT NOT NULL REFERENCES agents(id),
  kind              TEXT NOT NULL,
  state             TEXT NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  requested_by      TEXT NOT NULL,
  allow_fresh_start INTEGER NOT NULL DEFAULT 0,
  progress          TEXT,
  error             TEXT,
  created_at        TEXT NOT NULL,
  started_at        TEXT,
  finished_at       TEXT
);
-- The database, not memory, guarantees at most one active operation per server.
CREATE UNIQUE INDEX operations_one_active_per_server ON operations(server_id) WHERE state IN ('queued', 'running');
CREATE INDEX operations_by_agent_state ON operations(agent_id, state);

CREATE TABLE audit_log (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  id           TEXT NOT NULL UNIQUE,
  at           TEXT NOT NULL,
  actor        TEXT NOT NULL,
  action       TEXT NOT NULL,
  outcome      TEXT NOT NULL,
  server_id    TEXT,
  agent_id     TEXT,
  operation_id TEXT,
  details      TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_by_server ON audit_log(server_id, seq);
