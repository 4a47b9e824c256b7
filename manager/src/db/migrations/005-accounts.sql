-- Accounts and access (docs/decisions/0061-accounts-and-sessions.md).
-- disabled: a disabled user cannot sign in and has no sessions.
-- last_login_at: the last successful sign-in, shown on the Users page.
-- password_generated: 1 while the password is the one generated at first start (dashboard banner).
ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN last_login_at TEXT;
ALTER TABLE users ADD COLUMN password_generated INTEGER NOT NULL DEFAULT 0;
CREATE INDEX sessions_by_user ON sessions(user_id);

-- A registration token is single-use and expires 24 h after it was issued. Tokens issued before
-- this migration get their 24 h from now.
ALTER TABLE agents ADD COLUMN token_expires_at TEXT;
UPDATE agents SET token_expires_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+1 day')
  WHERE token_hash IS NOT NULL;
