-- Roots a server's folder must lie inside (docs/decisions/0031-server-folders-and-allowed-roots.md).
-- declared_roots: JSON array of the roots the agent declared in its last hello (its default data
--   path plus each --allowed-root); NULL until an agent has declared any.
-- admin_roots: JSON array of roots an admin added on the manager; NULL when none were added.
ALTER TABLE agents ADD COLUMN declared_roots TEXT;
ALTER TABLE agents ADD COLUMN admin_roots TEXT;
