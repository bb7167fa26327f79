package io.blindspot.fleet.rebuild.api;

import io.blindspot.core.rebuild.RebuildPlan;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How to bring a server back from bare metal. */
@Schema(name = "RebuildPlan")
public record RebuildPlanView(
    @Schema(examples = "gentoo-01.example.org") String hostname,
    @Schema(
            description = "The package manager; null when no package list was uploaded",
            enumeration = {"portage", "dpkg", "rpm", "apk", "pacman"},
            examples = "portage")
        String manager,
    @Schema(
            description = "Gentoo world atoms; elsewhere the explicitly installed packages",
            examples = "[\"sys-kernel/gentoo-sources\", \"app-editors/vim\"]")
        List<String> world,
    @Schema(
            description =
                "Every installed package as the manager's exact install atom, in install order,"
                    + " every slot included",
            examples =
                "[\"=sys-kernel/gentoo-sources-6.6.13\", \"=sys-kernel/gentoo-sources-6.1.69\"]")
        List<String> packages,
    @Schema(description = "The commands, in order") List<Step> steps,
    @Schema(
            description = "sfdisk input; null when the agent could not read it",
            examples = "label: dos\n/dev/hdc1 : start=2048, size=204800, type=83\n")
        String partitionTable,
    @Schema(
            description = "/etc/fstab; null when not reported",
            examples = "/dev/hdc4 /var ext4 noatime 0 2\n")
        String fstab,
    @Schema(description = "What to take back from backups, and from which job and snapshot")
        List<Restore> restore,
    @Schema(
            description = "What the plan cannot do by itself",
            examples = "[\"package-db /var/db/pkg/ is in no backup: it cannot be restored\"]")
        List<String> warnings) {

  /** A titled group of shell commands. */
  @Schema(name = "RebuildStep")
  public record Step(
      @Schema(examples = "Reinstall every package at its exact version, every slot included")
          String title,
      @Schema(
              examples =
                  "[\"emerge --oneshot --nodeps =sys-kernel/gentoo-sources-6.6.13"
                      + " =sys-kernel/gentoo-sources-6.1.69\"]")
          List<String> commands) {}

  /** An asset to restore. */
  @Schema(name = "RebuildRestore")
  public record Restore(
      @Schema(examples = "/etc/") String path,
      @Schema(examples = "config") String kind,
      @Schema(examples = "covered") String status,
      @Schema(description = "The jobs that keep it; empty: it is in no backup")
          List<Source> sources) {}

  /** A job keeping an asset, and the snapshot of its last success. */
  @Schema(name = "RebuildSource")
  public record Source(
      @Schema(examples = "web1") String job,
      @Schema(examples = "dirvish") String tool,
      @Schema(examples = "2026-11-25") String snapshot) {}

  static RebuildPlanView of(RebuildPlan plan) {
    return new RebuildPlanView(
        plan.hostname(),
        plan.manager(),
        plan.world(),
        plan.packages(),
        plan.steps().stream().map(s -> new Step(s.title(), s.commands())).toList(),
        plan.partitionTable(),
        plan.fstab(),
        plan.restore().stream()
            .map(
                r ->
                    new Restore(
                        r.path(),
                        r.kind(),
                        r.status(),
                        r.sources().stream()
                            .map(s -> new Source(s.job(), s.tool(), s.snapshot()))
                            .toList()))
            .toList(),
        plan.warnings());
  }
}
