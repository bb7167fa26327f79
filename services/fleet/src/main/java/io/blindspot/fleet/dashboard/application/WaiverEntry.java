package io.blindspot.fleet.dashboard.application;

import java.time.Instant;

/**
 * A waiver as the dashboard lists it.
 *
 * @param hostname the server it is for; null when it is for a selector
 * @param selector the selector as JSON text; null when it is for one server
 * @param state active, expired or revoked
 */
public record WaiverEntry(
    long id,
    String policy,
    String hostname,
    String selector,
    String reason,
    String author,
    Instant createdAt,
    Instant expiresAt,
    Instant revokedAt,
    String state) {}
