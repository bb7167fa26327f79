-- Blindspot schema, part 5.5: an active operator token's name is unique, so the audit trail's
-- actor names one token; revoked tokens keep their name, and it can be given again.
CREATE UNIQUE INDEX operator_tokens_active_name_key ON operator_tokens (name) WHERE revoked_at IS NULL;
