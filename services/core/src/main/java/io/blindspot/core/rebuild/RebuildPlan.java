package io.blindspot.core.rebuild;

import java.util.List;

/**
 * How to bring a server back from bare metal, built from Blindspot's own copy of its package list
 * and inventory, so it exists even when the backups missed the package database.
 *
 * @param hostname the server
 * @param manager its package manager
 * @param world what the operator asked for (Gentoo world atoms; explicitly installed packages)
 * @param packages every installed package, in install order, as the manager's exact install atom
 * @param steps the commands, in order
 * @param partitionTable sfdisk input; null when the agent could not read it
 * @param fstab /etc/fstab; null when not reported
 * @param restore what to take back from backups afterwards, and from which job and snapshot
 * @param warnings what the plan cannot do by itself
 */
public record RebuildPlan(
    String hostname,
    String manager,
    List<String> world,
    List<String> packages,
    List<Step> steps,
    String partitionTable,
    String fstab,
    List<Restore> restore,
    List<String> warnings) {

  /** A titled group of shell commands. */
  public record Step(String title, List<String> commands) {}

  /** An asset to restore, from the jobs that keep it. */
  public record Restore(String path, String kind, String status, List<Source> sources) {}

  /** A job that keeps an asset, and the snapshot of its last success. */
  public record Source(String job, String tool, String snapshot) {}
}
