package io.blindspot.fleet.policies.application;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One change of a policy, a waiver or a token, with the state before and after. */
public record AuditEntry(
    long id,
    Instant at,
    String actor,
    String entity,
    String entityId,
    String action,
    JsonNode before,
    JsonNode after) {}
