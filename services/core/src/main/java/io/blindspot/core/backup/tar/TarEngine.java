package io.blindspot.core.backup.tar;

import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.backup.BackupRuleEngine;
import io.blindspot.core.backup.BackupRules;
import io.blindspot.core.backup.JobConfigException;

/**
 * GNU tar 1.34 in create mode ({@code tar -c}, also {@code -r}/{@code -u}, which add members the
 * same way). See {@link TarCommand} for the option table and {@link TarRules} for the semantics.
 */
public final class TarEngine implements BackupRuleEngine {

  @Override
  public String tool() {
    return "tar";
  }

  @Override
  public BackupRules compile(BackupJob job) throws JobConfigException {
    return new TarRules(TarCommand.parse(job));
  }
}
