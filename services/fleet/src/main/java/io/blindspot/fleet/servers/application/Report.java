package io.blindspot.fleet.servers.application;

import java.time.Instant;

/**
 * The current report of one kind (inventory, packages) of a server.
 *
 * @param updatedAt when the current snapshot was accepted (the content last changed)
 * @param lastSeenAt the last upload of this kind, changed or not
 * @param snapshotId the current snapshot
 */
public record Report(Instant updatedAt, Instant lastSeenAt, long snapshotId) {}
