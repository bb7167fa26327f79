-- Labels an agent reports in its inventory (agent.conf), kept apart from the operator's.
--
-- servers.labels stays the operator's: set from enrollment tokens at enrollment and edited through
-- the fleet service; ingest never rewrites it after enrollment. agent_labels is replaced by each
-- new inventory, so a label the agent stops reporting disappears without touching the operator's.
-- The effective labels of a server are `agent_labels || labels`: the operator wins on a clash.
ALTER TABLE servers ADD COLUMN agent_labels jsonb NOT NULL DEFAULT '{}'::jsonb;

CREATE INDEX servers_agent_labels_idx ON servers USING gin (agent_labels);
