package io.blindspot.ingest.backups.application;

import java.util.List;

/**
 * The job snapshot an upload became, and how the set of jobs changed: names of jobs added, removed,
 * and changed (anything but {@code lastRun} differs), each sorted.
 */
public record StoredBackups(
    long snapshotId, int jobs, List<String> added, List<String> removed, List<String> changed) {}
