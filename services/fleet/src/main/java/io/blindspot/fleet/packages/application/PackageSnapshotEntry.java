package io.blindspot.fleet.packages.application;

import java.time.Instant;
import java.util.Map;

/**
 * One package snapshot of a server's history.
 *
 * @param diff added / removed / changed versus the previous snapshot, as the ingest service stored
 *     it
 */
public record PackageSnapshotEntry(
    long snapshotId, Instant takenAt, String manager, int packageCount, Map<String, Object> diff) {}
