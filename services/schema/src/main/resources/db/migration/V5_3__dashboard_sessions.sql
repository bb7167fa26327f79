-- Blindspot schema, part 5.3: the dashboard's sign-in sessions (a global table, not per server).
--
-- The browser holds a random session id in an HttpOnly cookie; only its SHA-256 is stored, so a
-- leaked copy of this table opens no session. Sessions are kept server side rather than in a signed
-- cookie so that signing out, revoking the operator token that opened a session or rotating the
-- bootstrap admin token ends it at the next click, and so that no signing key has to be shared by
-- the fleet instances.
CREATE TABLE dashboard_sessions (
    session_hash bytea PRIMARY KEY,                    -- SHA-256 of the cookie's session id
    token_hash   bytea       NOT NULL,                 -- SHA-256 of the token that signed in
    caller_name  text        NOT NULL,                 -- "admin" or the operator token's name
    role         text        NOT NULL CHECK (role IN ('admin', 'viewer')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL
);
CREATE INDEX dashboard_sessions_expiry_idx ON dashboard_sessions (expires_at);
