-- Reconcile asks once per agent which servers had an operation running or ending since it began
-- (operations-repo busyServerIds): indexed by agent and time, not scanned once per server.
CREATE INDEX operations_by_agent_started ON operations(agent_id, started_at);
CREATE INDEX operations_by_agent_finished ON operations(agent_id, finished_at);
