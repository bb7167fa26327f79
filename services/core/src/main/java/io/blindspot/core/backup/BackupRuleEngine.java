package io.blindspot.core.backup;

/** Compiles the jobs of one backup tool into {@link BackupRules}, with that tool's semantics. */
public interface BackupRuleEngine {

  /** The tool name as it appears in {@link BackupJob#tool()}: "rsync", "restic", ... */
  String tool();

  /**
   * @throws JobConfigException for an unknown option (naming it) or a malformed or missing file
   */
  BackupRules compile(BackupJob job) throws JobConfigException;
}
