package io.blindspot.ingest.agents.application;

import java.util.UUID;

/**
 * The outcome of an enrollment: the server and its agent token, shown this once and never again.
 */
public record IssuedAgentToken(UUID serverId, String token) {}
