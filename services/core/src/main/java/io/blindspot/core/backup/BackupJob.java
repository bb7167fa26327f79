package io.blindspot.core.backup;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A backup job as the server really runs it: the canonical job descriptor agents upload.
 *
 * @param name the job's name, unique per server ("nightly")
 * @param tool rsync, dirvish, rsnapshot, restic, borg or tar
 * @param command the argv the server runs (for dirvish {@code ["dirvish", "--vault", "NAME"]})
 * @param files contents of every config, exclude, pattern or merge file the command reads, keyed by
 *     the absolute path the command names
 * @param schedule cron expression or free text; may be null
 * @param lastRun the newest run the agent knows of; may be null
 */
public record BackupJob(
    String name,
    String tool,
    List<String> command,
    Map<String, String> files,
    String schedule,
    LastRun lastRun) {

  public BackupJob {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(tool, "tool");
    command = command == null ? List.of() : List.copyOf(command);
    files = files == null ? Map.of() : Map.copyOf(files);
  }
}
