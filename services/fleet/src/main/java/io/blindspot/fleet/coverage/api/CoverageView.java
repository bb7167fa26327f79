package io.blindspot.fleet.coverage.api;

import io.blindspot.core.backup.RuleRef;
import io.blindspot.core.coverage.AssetCoverage;
import io.blindspot.core.coverage.CoverageDocument;
import io.blindspot.core.coverage.Drift;
import io.blindspot.core.coverage.Remediation;
import io.blindspot.core.packages.PackageSetDiff;
import io.blindspot.core.packages.PortageWorldCheck;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A server's current coverage: what would come back from its backups, and what would not. */
@Schema(name = "Coverage")
public record CoverageView(
    @Schema(examples = "web-01.example.org") String server,
    @Schema(
            enumeration = {"READY", "AT_RISK", "NOT_RESTORABLE"},
            examples = "NOT_RESTORABLE")
        String readiness,
    @Schema(description = "0-100; at most 49 when not restorable, 89 when at risk", examples = "12")
        int score,
    @Schema(description = "The latest evaluation", examples = "2026-11-25T10:58:14Z")
        Instant evaluatedAt,
    @Schema(
            description = "Why, one sentence each, worst first",
            examples =
                "[\"the package database /var/db/pkg/ is in no backup: the installed packages and"
                    + " their slots cannot be restored\"]")
        List<String> reasons,
    @Schema(description = "Every asset that matters (after the filters), in the world's order")
        List<AssetView> assets,
    @Schema(
            description =
                "How far the backup's copy of the package database lags; null when unknown")
        DriftView drift,
    @Schema(
            description = "Why there is no drift figure, when there is none",
            examples = "no successful backup holds the package database: there is no copy to drift")
        String driftNote,
    @Schema(description = "Gentoo: each world atom and the installed packages it matches")
        List<WorldAtomView> worldCheck,
    @Schema(description = "Jobs that could not be evaluated") List<JobErrorView> jobErrors) {

  /** One asset's coverage. */
  @Schema(name = "AssetCoverage")
  public record AssetView(
      @Schema(description = "A trailing / marks a directory", examples = "/var/db/pkg/")
          String path,
      @Schema(
              enumeration = {
                "package-db",
                "world-set",
                "config",
                "service-data",
                "user-data",
                "mount",
                "system-layout"
              },
              examples = "package-db")
          String kind,
      @Schema(
              enumeration = {"critical", "high", "medium", "low"},
              examples = "critical")
          String severity,
      @Schema(
              enumeration = {
                "covered",
                "verified",
                "partial",
                "stale",
                "missing-from-snapshot",
                "uncovered"
              },
              examples = "uncovered")
          String status,
      @Schema(
              description = "Why it matters, naming its source",
              examples = "portage's installed-package database (every package and slot)")
          String provenance,
      @Schema(
              description = "Advice that goes with it",
              examples =
                  "A file-level copy of a running database is not consistent: back up a dump")
          String note,
      @Schema(description = "Each job's verdict on the path") List<JobVerdictView> jobs,
      @Schema(description = "For partial: the descendants that matter and are lost")
          List<GapView> gaps,
      @Schema(description = "Fixes in the tool's own syntax") List<RemediationView> remediation) {

    static AssetView of(CoverageDocument.AssetEntry a) {
      return new AssetView(
          a.path(),
          a.kind(),
          a.severity(),
          a.status(),
          a.provenance(),
          a.note(),
          list(a.jobs()).stream().map(JobVerdictView::of).toList(),
          list(a.gaps()).stream().map(GapView::of).toList(),
          list(a.remediation()).stream().map(RemediationView::of).toList());
    }
  }

  /** One job's verdict on an asset. */
  @Schema(name = "JobVerdict")
  public record JobVerdictView(
      @Schema(examples = "web1") String job,
      @Schema(examples = "dirvish") String tool,
      @Schema(description = "Whether the real tool would store the path", examples = "false")
          boolean included,
      @Schema(
              enumeration = {
                "included",
                "excluded-by-rule",
                "parent-excluded",
                "outside-sources",
                "other-filesystem",
                "excluded-by-marker"
              },
              examples = "excluded-by-rule")
          String reason,
      @Schema(description = "The rule that decided; null when none did") RuleView rule,
      @Schema(description = "For parent-excluded: the excluded ancestor", examples = "/var/db/")
          String ancestor,
      @Schema(
              description =
                  "For other-filesystem: the rule that would still exclude the path if the job"
                      + " crossed filesystems")
          RuleView hiddenRule,
      @Schema(description = "The job's last success", examples = "2026-11-25T03:12:40Z")
          Instant lastSuccess,
      @Schema(description = "What that success produced", examples = "2026-11-25")
          String snapshot) {

    static JobVerdictView of(AssetCoverage.JobVerdict j) {
      return new JobVerdictView(
          j.job(),
          j.tool(),
          j.included(),
          j.reason(),
          RuleView.of(j.rule()),
          j.ancestor(),
          RuleView.of(j.hiddenRule()),
          j.lastSuccess(),
          j.snapshot());
    }
  }

  /** Where a rule is written. */
  @Schema(name = "RuleRef")
  public record RuleView(
      @Schema(
              description = "The config or pattern file, or \"command line\"",
              examples = "/etc/dirvish/master.conf")
          String file,
      @Schema(description = "1-based line (argv index on the command line)", examples = "5")
          int line,
      @Schema(examples = "/var/db") String text) {

    static RuleView of(RuleRef rule) {
      return rule == null ? null : new RuleView(rule.file(), rule.line(), rule.text());
    }
  }

  /** A descendant that matters and is lost. */
  @Schema(name = "CoverageGap")
  public record GapView(
      @Schema(examples = "/etc/ssl/private/") String path,
      @Schema(examples = "nightly") String job,
      @Schema(examples = "excluded-by-rule") String reason,
      RuleView rule,
      @Schema(examples = "/etc/ssl/") String ancestor) {

    static GapView of(AssetCoverage.Gap g) {
      return new GapView(g.path(), g.job(), g.reason(), RuleView.of(g.rule()), g.ancestor());
    }
  }

  /** A fix, re-checked with the rule engine before it is offered. */
  @Schema(name = "Remediation")
  public record RemediationView(
      @Schema(examples = "web1") String job,
      @Schema(examples = "drop /var/db from the exclude: list of /etc/dirvish/master.conf")
          String summary,
      List<ChangeView> changes,
      @Schema(
              description = "Whether the engine confirmed the asset is kept after the edits",
              examples = "true")
          boolean verified) {

    static RemediationView of(Remediation r) {
      return new RemediationView(
          r.job(),
          r.summary(),
          list(r.changes()).stream()
              .map(c -> new ChangeView(c.file(), c.action(), c.line(), c.text()))
              .toList(),
          r.verified());
    }
  }

  /** One edit of a fix. */
  @Schema(name = "RemediationChange")
  public record ChangeView(
      @Schema(examples = "/etc/dirvish/master.conf") String file,
      @Schema(
              enumeration = {
                "remove-line",
                "insert-before",
                "replace-line",
                "remove-argument",
                "add-argument",
                "create-file"
              },
              examples = "remove-line")
          String action,
      @Schema(examples = "5") int line,
      @Schema(examples = "\t/var/db") String text) {}

  /** The lag of the backup's package database behind the server. */
  @Schema(name = "Drift")
  public record DriftView(
      @Schema(examples = "nightly") String job,
      @Schema(examples = "2026-11-22T03:12:40Z") Instant backupAt,
      @Schema(examples = "14") int packagesBehind,
      DiffView diff,
      @Schema(
              examples =
                  "the backup's copy of your world is 3 days and 14 packages behind (nightly)")
          String summary) {

    static DriftView of(Drift d) {
      if (d == null) {
        return null;
      }
      PackageSetDiff diff = d.diff();
      return new DriftView(
          d.job(),
          d.backupAt(),
          d.packagesBehind(),
          diff == null
              ? null
              : new DiffView(
                  diff.added().stream().map(p -> new PackageVersion(p.key(), p.version())).toList(),
                  diff.removed().stream()
                      .map(p -> new PackageVersion(p.key(), p.version()))
                      .toList(),
                  diff.changed().stream()
                      .map(c -> new VersionChange(c.key(), c.from(), c.to()))
                      .toList()),
          d.summary());
    }
  }

  /** What differs between two package sets. */
  @Schema(name = "PackageDiff")
  public record DiffView(
      List<PackageVersion> added, List<PackageVersion> removed, List<VersionChange> changed) {}

  /** A package and its full version. */
  @Schema(name = "PackageVersion")
  public record PackageVersion(
      @Schema(examples = "dev-libs/openssl:0") String key,
      @Schema(examples = "3.0.13-r1") String version) {}

  /** One package moving between versions. */
  @Schema(name = "VersionChange")
  public record VersionChange(
      @Schema(examples = "dev-libs/openssl:0") String key,
      @Schema(examples = "3.0.12") String from,
      @Schema(examples = "3.0.13-r1") String to) {}

  /** One Gentoo world atom and what it matches. */
  @Schema(name = "WorldAtomCheck")
  public record WorldAtomView(
      @Schema(examples = "sys-kernel/gentoo-sources") String atom,
      @Schema(
              description = "Installed packages it matches (empty: it matches nothing)",
              examples =
                  "[\"=sys-kernel/gentoo-sources-6.6.13:6.6.13\","
                      + " \"=sys-kernel/gentoo-sources-6.1.69:6.1.69\"]")
          List<String> installed) {

    static WorldAtomView of(PortageWorldCheck.AtomCheck c) {
      return new WorldAtomView(c.atom(), list(c.installed()));
    }
  }

  /** A job that could not be evaluated. */
  @Schema(name = "JobError")
  public record JobErrorView(
      @Schema(examples = "offsite") String job,
      @Schema(examples = "borg") String tool,
      @Schema(examples = "unknown option --frobnicate") String error) {}

  static CoverageView of(CoverageDocument d) {
    return new CoverageView(
        d.server(),
        d.readiness(),
        d.score(),
        d.evaluatedAt(),
        list(d.reasons()),
        list(d.assets()).stream().map(AssetView::of).toList(),
        DriftView.of(d.drift()),
        d.driftNote(),
        list(d.worldCheck()).stream().map(WorldAtomView::of).toList(),
        list(d.jobErrors()).stream()
            .map(e -> new JobErrorView(e.job(), e.tool(), e.error()))
            .toList());
  }

  private static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : list;
  }
}
