package io.blindspot.core.backup.borg;

import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.backup.BackupRuleEngine;
import io.blindspot.core.backup.BackupRules;
import io.blindspot.core.backup.JobConfigException;

/** borg 1.2 {@code borg create}. See {@link BorgRules} for the semantics. */
public final class BorgEngine implements BackupRuleEngine {

  @Override
  public String tool() {
    return "borg";
  }

  @Override
  public BackupRules compile(BackupJob job) throws JobConfigException {
    return BorgRules.parse(job);
  }
}
