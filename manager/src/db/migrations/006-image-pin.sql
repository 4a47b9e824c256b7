-- The exact image a server's container last ran healthy with: a recreate brings back this one,
-- not whatever the tag points to today (docs/design.md §8).
ALTER TABLE servers ADD COLUMN image_id TEXT;
ALTER TABLE servers ADD COLUMN image_digest TEXT;
