-- An operation cut short by an agent disconnect or a manager restart is resumed with the same
-- idempotency key: the plan it was sending is kept, and `resume_by` is its deadline while it
-- waits for the agent (docs/design.md §6 rule 4).
ALTER TABLE operations ADD COLUMN plan TEXT;
ALTER TABLE operations ADD COLUMN resume_by TEXT;
CREATE INDEX operations_waiting ON operations(resume_by) WHERE resume_by IS NOT NULL;
