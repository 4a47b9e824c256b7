-- How a server's container differs from what its stored config builds, as reconcile last saw it:
-- a JSON array of {field, expected, actual}; '[]' when it matches or there is no container
-- (docs/design.md §3.5).
ALTER TABLE servers ADD COLUMN drift TEXT NOT NULL DEFAULT '[]';
