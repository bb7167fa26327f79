package io.blindspot.ingest.backups.application;

import io.blindspot.core.backup.BackupJob;
import java.util.List;

/**
 * A validated job upload whose every job compiled.
 *
 * @param jobs the jobs, in upload order
 * @param descriptors each job's canonical descriptor JSON, in the same order
 * @param json the canonical array, for the immutable snapshot
 */
public record ParsedBackups(List<BackupJob> jobs, List<String> descriptors, String json) {}
