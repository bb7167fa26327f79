package io.blindspot.core.coverage;

import io.blindspot.core.backup.Reason;
import io.blindspot.core.backup.RuleRef;
import io.blindspot.core.backup.TreeFacts;
import io.blindspot.core.backup.Verdict;
import io.blindspot.core.coverage.AssetCoverage.Gap;
import io.blindspot.core.coverage.AssetCoverage.JobVerdict;
import io.blindspot.core.world.Asset;
import io.blindspot.core.world.AssetKind;
import io.blindspot.core.world.Severity;
import io.blindspot.core.world.World;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Evaluates every asset of a server against every backup job, with each tool's own rule engine, and
 * sums it up as a readiness, reasons and a score.
 */
public final class CoverageEvaluator {

  /** Remediation is planned for this many uncovered or partial assets at most per report. */
  private static final int MAX_PLANS = 64;

  private final Duration maxAge;
  private final RemediationPlanner planner = new RemediationPlanner();

  /**
   * @param maxAge a job whose last success is older than this no longer counts as covering
   */
  public CoverageEvaluator(Duration maxAge) {
    this.maxAge = maxAge;
  }

  public CoverageReport evaluate(
      World world, List<JobUnderTest> jobs, TreeFacts facts, Instant now) {
    Set<String> paths = new LinkedHashSet<>();
    for (Asset asset : world.assets()) {
      paths.add(asset.path());
      paths.addAll(asset.probes());
    }
    List<String> pathList = List.copyOf(paths);
    List<Map<String, Verdict>> verdicts = new ArrayList<>(jobs.size());
    List<Map<String, Verdict>> beyondMounts = new ArrayList<>(jobs.size());
    TreeFacts oneFilesystem = new TreeFacts(List.of(), facts.fileContents(), facts.symlinks());
    for (JobUnderTest job : jobs) {
      Map<String, Verdict> byPath = new HashMap<>(pathList.size() * 2);
      Map<String, Verdict> beyond = new HashMap<>();
      if (job.rules() != null) {
        List<String> otherFilesystem = new ArrayList<>();
        for (Verdict verdict : job.rules().evaluate(pathList, facts)) {
          byPath.put(verdict.path(), verdict);
          if (verdict.reason() == Reason.OTHER_FILESYSTEM) {
            otherFilesystem.add(verdict.path());
          }
        }
        // What the rules would do past the mount point: a second blocker an operator must know of
        if (!otherFilesystem.isEmpty()) {
          for (Verdict verdict : job.rules().evaluate(otherFilesystem, oneFilesystem)) {
            beyond.put(verdict.path(), verdict);
          }
        }
      }
      verdicts.add(byPath);
      beyondMounts.add(beyond);
    }
    NavigableSet<String> assetPaths = new TreeSet<>();
    world.assets().forEach(a -> assetPaths.add(a.path()));

    int plans = 0;
    List<AssetCoverage> results = new ArrayList<>(world.assets().size());
    for (Asset asset : world.assets()) {
      List<JobVerdict> jobVerdicts = new ArrayList<>(jobs.size());
      List<Integer> keepers = new ArrayList<>();
      for (int j = 0; j < jobs.size(); j++) {
        JobUnderTest job = jobs.get(j);
        Verdict verdict = verdicts.get(j).get(asset.path());
        if (verdict == null) {
          jobVerdicts.add(
              new JobVerdict(
                  job.name(),
                  job.job().tool(),
                  false,
                  "job-not-evaluable",
                  null,
                  job.error(),
                  null,
                  job.lastSuccess(),
                  job.snapshot()));
          continue;
        }
        jobVerdicts.add(
            new JobVerdict(
                job.name(),
                job.job().tool(),
                verdict.included(),
                verdict.reason().id(),
                verdict.rule(),
                verdict.ancestor(),
                hiddenRule(beyondMounts.get(j).get(asset.path())),
                job.lastSuccess(),
                job.snapshot()));
        if (verdict.included()) {
          keepers.add(j);
        }
      }

      CoverageStatus status;
      List<Gap> gaps = List.of();
      List<Remediation> remediation = new ArrayList<>();
      if (keepers.isEmpty()) {
        status = CoverageStatus.UNCOVERED;
        if (plans < MAX_PLANS && asset.severity() != Severity.MEDIUM) {
          plans++;
          for (int j = 0; j < jobs.size(); j++) {
            Verdict verdict = verdicts.get(j).get(asset.path());
            if (verdict != null) {
              planner
                  .plan(jobs.get(j).job(), asset.path(), verdict, facts)
                  .ifPresent(remediation::add);
            }
          }
        }
      } else {
        gaps = gaps(asset, assetPaths, jobs, verdicts, keepers);
        if (!gaps.isEmpty()) {
          status = CoverageStatus.PARTIAL;
          if (plans < MAX_PLANS) {
            plans++;
            Gap first = gaps.get(0);
            for (int j : keepers) {
              Verdict verdict = verdicts.get(j).get(first.path());
              if (verdict != null && !verdict.included()) {
                planner
                    .plan(jobs.get(j).job(), first.path(), verdict, facts)
                    .ifPresent(remediation::add);
              }
            }
          }
        } else {
          status = freshness(asset, jobs, keepers, now);
        }
      }
      results.add(new AssetCoverage(asset, status, jobVerdicts, gaps, remediation));
    }

    List<String> reasons = new ArrayList<>();
    Readiness readiness = readiness(results, jobs, reasons);
    return new CoverageReport(readiness, reasons, CoverageScore.of(results, readiness), results);
  }

  private static RuleRef hiddenRule(Verdict beyond) {
    return beyond == null || beyond.included() ? null : beyond.rule();
  }

  /** The descendants that matter (probes, assets below) that no job keeps. */
  private static List<Gap> gaps(
      Asset asset,
      NavigableSet<String> assetPaths,
      List<JobUnderTest> jobs,
      List<Map<String, Verdict>> verdicts,
      List<Integer> keepers) {
    if (!asset.isDirectory()) {
      return List.of();
    }
    List<String> descendants = new ArrayList<>(asset.probes());
    for (String path : assetPaths.tailSet(asset.path(), false)) {
      if (!path.startsWith(asset.path())) {
        break;
      }
      descendants.add(path);
    }
    List<Gap> gaps = new ArrayList<>();
    for (String descendant : descendants) {
      boolean kept = false;
      for (int j = 0; j < jobs.size() && !kept; j++) {
        Verdict verdict = verdicts.get(j).get(descendant);
        kept = verdict != null && verdict.included();
      }
      if (!kept) {
        Verdict lost = verdicts.get(keepers.get(0)).get(descendant);
        gaps.add(
            new Gap(
                descendant,
                jobs.get(keepers.get(0)).name(),
                lost == null ? "job-not-evaluable" : lost.reason().id(),
                lost == null ? null : lost.rule(),
                lost == null ? null : lost.ancestor()));
      }
    }
    return gaps;
  }

  private CoverageStatus freshness(
      Asset asset, List<JobUnderTest> jobs, List<Integer> keepers, Instant now) {
    List<JobUnderTest> fresh = new ArrayList<>();
    for (int j : keepers) {
      JobUnderTest job = jobs.get(j);
      if (job.lastSuccess() != null && !job.lastSuccess().isBefore(now.minus(maxAge))) {
        fresh.add(job);
      }
    }
    if (fresh.isEmpty()) {
      return CoverageStatus.STALE;
    }
    // Verified when a fresh snapshot's listing holds it; missing when every fresh job's listing
    // was checked for it and none holds it; otherwise the rules are all we know.
    boolean allChecked = true;
    for (JobUnderTest job : fresh) {
      SnapshotListing listing = job.listing();
      if (listing == null || !listing.knows(asset.path())) {
        allChecked = false;
      } else if (listing.contains(asset.path())) {
        return CoverageStatus.VERIFIED;
      }
    }
    return allChecked ? CoverageStatus.MISSING_FROM_SNAPSHOT : CoverageStatus.COVERED;
  }

  private static Readiness readiness(
      List<AssetCoverage> assets, List<JobUnderTest> jobs, List<String> reasons) {
    List<String> fatal = new ArrayList<>();
    List<String> risky = new ArrayList<>();
    if (jobs.isEmpty()) {
      fatal.add("no backup job is known for this server");
    }
    for (AssetCoverage coverage : assets) {
      Asset asset = coverage.asset();
      boolean lost =
          coverage.status() == CoverageStatus.UNCOVERED
              || coverage.status() == CoverageStatus.MISSING_FROM_SNAPSHOT;
      boolean essential =
          asset.kind() == AssetKind.PACKAGE_DB
              || asset.kind() == AssetKind.WORLD_SET
              || asset.kind() == AssetKind.SERVICE_DATA;
      String what = asset.kind().id() + " " + asset.path();
      if (lost && essential) {
        fatal.add(what + " is " + coverage.status().id() + ": " + asset.provenance());
      } else if (asset.severity() == Severity.CRITICAL
          && (coverage.status() == CoverageStatus.STALE
              || coverage.status() == CoverageStatus.PARTIAL)) {
        risky.add(what + " is " + coverage.status().id());
      } else if (lost && asset.severity() == Severity.HIGH) {
        risky.add(what + " is " + coverage.status().id());
      }
    }
    reasons.addAll(fatal);
    reasons.addAll(risky);
    if (!fatal.isEmpty()) {
      return Readiness.NOT_RESTORABLE;
    }
    return risky.isEmpty() ? Readiness.READY : Readiness.AT_RISK;
  }
}
