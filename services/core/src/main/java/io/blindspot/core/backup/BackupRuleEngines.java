package io.blindspot.core.backup;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The rule engine of every supported tool, by tool name. */
public final class BackupRuleEngines {

  private static final Map<String, BackupRuleEngine> BY_TOOL =
      List.<BackupRuleEngine>of(
              // one line per tool engine
              new io.blindspot.core.backup.rsync.RsyncRuleEngine(),
              new io.blindspot.core.backup.dirvish.DirvishRuleEngine(),
              new io.blindspot.core.backup.rsnapshot.RsnapshotRuleEngine(),
              new io.blindspot.core.backup.tar.TarEngine(),
              new io.blindspot.core.backup.restic.ResticEngine(),
              new io.blindspot.core.backup.borg.BorgEngine())
          .stream()
          .collect(Collectors.toUnmodifiableMap(BackupRuleEngine::tool, Function.identity()));

  private BackupRuleEngines() {}

  public static List<String> tools() {
    return BY_TOOL.keySet().stream().sorted().toList();
  }

  /** Compiles a job with its tool's engine. */
  public static BackupRules compile(BackupJob job) throws JobConfigException {
    BackupRuleEngine engine = BY_TOOL.get(job.tool());
    if (engine == null) {
      throw new JobConfigException(
          null, 0, "unknown tool '" + job.tool() + "'; supported: " + String.join(", ", tools()));
    }
    return engine.compile(job);
  }
}
