package io.blindspot.core.backup.restic;

import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.backup.BackupRuleEngine;
import io.blindspot.core.backup.BackupRules;
import io.blindspot.core.backup.JobConfigException;

/** restic 0.14 {@code restic backup}. See {@link ResticRules} for the semantics. */
public final class ResticEngine implements BackupRuleEngine {

  @Override
  public String tool() {
    return "restic";
  }

  @Override
  public BackupRules compile(BackupJob job) throws JobConfigException {
    return ResticRules.parse(job);
  }
}
