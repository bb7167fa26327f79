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
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Evaluates every asset of a server against every backup job, with each tool's own rule engine, and
 * sums it up as a readiness, reasons and a score.
 */
public final class CoverageEvaluator {

  /** Remediation is planned for this many uncovered or partial assets at most per report. */
  private static final int MAX_PLANS = 64;

  /**
   * A file name inside every directory asset, evaluated beside the directory: a job may keep the
   * directory itself but not what is in it (the mount point of another filesystem under
   * one-file-system, {@code - /srv/*}), and then it does not keep the asset.
   */
  public static final String CONTENT_PROBE = "blindspot-content";

  private final Duration maxAge;

  /**
   * @param maxAge a job whose last success is older than this no longer counts as covering
   */
  public CoverageEvaluator(Duration maxAge) {
    this.maxAge = maxAge;
  }

  public CoverageReport evaluate(
      World world, List<JobUnderTest> jobs, TreeFacts facts, Instant now) {
    List<Asset> assets = world.assets();
    // 1. every asset (and what is in each directory asset) against every job
    Set<String> paths = new LinkedHashSet<>();
    for (Asset asset : assets) {
      paths.add(asset.path());
      if (asset.isDirectory()) {
        paths.add(asset.path() + CONTENT_PROBE);
      }
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
    // 2. probes (the package database's entries...) matter only inside a kept asset
    probes(assets, jobs, verdicts, facts);

    NavigableSet<String> assetPaths = new TreeSet<>();
    assets.forEach(a -> assetPaths.add(a.path()));

    int plans = 0;
    List<RemediationPlanner.Request> requests = new ArrayList<>();
    List<Integer> requestOwner = new ArrayList<>();
    List<AssetCoverage> results = new ArrayList<>(assets.size());
    for (int a = 0; a < assets.size(); a++) {
      Asset asset = assets.get(a);
      List<JobVerdict> jobVerdicts = new ArrayList<>(jobs.size());
      List<Integer> keepers = new ArrayList<>();
      for (int j = 0; j < jobs.size(); j++) {
        JobUnderTest job = jobs.get(j);
        Verdict verdict = verdict(verdicts.get(j), asset.path(), asset.isDirectory());
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
                hiddenRule(beyondMounts.get(j).get(verdict.path())),
                job.lastSuccess(),
                job.snapshot()));
        if (verdict.included()) {
          keepers.add(j);
        }
      }

      CoverageStatus status;
      List<Gap> gaps = List.of();
      if (keepers.isEmpty()) {
        status = CoverageStatus.UNCOVERED;
        if (plans < MAX_PLANS && asset.severity() != Severity.MEDIUM) {
          plans++;
          for (int j = 0; j < jobs.size(); j++) {
            Verdict verdict = verdict(verdicts.get(j), asset.path(), asset.isDirectory());
            if (verdict != null) {
              requests.add(
                  new RemediationPlanner.Request(jobs.get(j).job(), asset.path(), verdict));
              requestOwner.add(a);
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
              Verdict verdict = verdict(verdicts.get(j), first.path(), first.path().endsWith("/"));
              if (verdict != null && !verdict.included()) {
                requests.add(
                    new RemediationPlanner.Request(jobs.get(j).job(), first.path(), verdict));
                requestOwner.add(a);
              }
            }
          }
        } else {
          status = freshness(asset, jobs, keepers, now);
        }
      }
      results.add(new AssetCoverage(asset, status, jobVerdicts, gaps, List.of()));
    }

    // 3. fixes, planned together: assets behind the same rule share the edited job
    if (!requests.isEmpty()) {
      List<Optional<Remediation>> planned = new RemediationPlanner().planAll(requests, facts);
      List<List<Remediation>> byAsset = new ArrayList<>(assets.size());
      for (int a = 0; a < assets.size(); a++) {
        byAsset.add(null);
      }
      for (int r = 0; r < planned.size(); r++) {
        int owner = requestOwner.get(r);
        if (planned.get(r).isPresent()) {
          if (byAsset.get(owner) == null) {
            byAsset.set(owner, new ArrayList<>());
          }
          byAsset.get(owner).add(planned.get(r).get());
        }
      }
      for (int a = 0; a < assets.size(); a++) {
        if (byAsset.get(a) != null) {
          AssetCoverage c = results.get(a);
          results.set(
              a,
              new AssetCoverage(
                  c.asset(), c.status(), c.jobs(), c.gaps(), List.copyOf(byAsset.get(a))));
        }
      }
    }

    List<String> reasons = new ArrayList<>();
    Readiness readiness = readiness(results, jobs, reasons);
    return new CoverageReport(readiness, reasons, CoverageScore.of(results, readiness), results);
  }

  /**
   * Evaluates the probes of every asset some job keeps: first with the jobs that keep it (the usual
   * answer: they keep every probe too), then, for the probes none of them keeps, with the others. A
   * job not asked about a probe has no verdict for it.
   */
  private static void probes(
      List<Asset> assets,
      List<JobUnderTest> jobs,
      List<Map<String, Verdict>> verdicts,
      TreeFacts facts) {
    List<Set<String>> asked = new ArrayList<>(jobs.size());
    for (int j = 0; j < jobs.size(); j++) {
      asked.add(new LinkedHashSet<>());
    }
    List<List<Integer>> keepersOf = new ArrayList<>(assets.size());
    for (Asset asset : assets) {
      List<Integer> keepers = new ArrayList<>();
      if (!asset.probes().isEmpty()) {
        for (int j = 0; j < jobs.size(); j++) {
          Verdict verdict = verdict(verdicts.get(j), asset.path(), asset.isDirectory());
          if (verdict != null && verdict.included()) {
            keepers.add(j);
            asked.get(j).addAll(asset.probes());
          }
        }
      }
      keepersOf.add(keepers);
    }
    ask(jobs, verdicts, asked, facts);
    List<Set<String>> more = new ArrayList<>(jobs.size());
    for (int j = 0; j < jobs.size(); j++) {
      more.add(new LinkedHashSet<>());
    }
    for (int a = 0; a < assets.size(); a++) {
      List<Integer> keepers = keepersOf.get(a);
      if (keepers.isEmpty()) {
        continue;
      }
      for (String probe : assets.get(a).probes()) {
        boolean kept = false;
        for (int j : keepers) {
          Verdict verdict = verdicts.get(j).get(probe);
          kept |= verdict != null && verdict.included();
        }
        if (!kept) {
          for (int j = 0; j < jobs.size(); j++) {
            if (!verdicts.get(j).containsKey(probe)) {
              more.get(j).add(probe);
            }
          }
        }
      }
    }
    ask(jobs, verdicts, more, facts);
  }

  private static void ask(
      List<JobUnderTest> jobs,
      List<Map<String, Verdict>> verdicts,
      List<Set<String>> paths,
      TreeFacts facts) {
    for (int j = 0; j < jobs.size(); j++) {
      if (jobs.get(j).rules() != null && !paths.get(j).isEmpty()) {
        for (Verdict verdict : jobs.get(j).rules().evaluate(List.copyOf(paths.get(j)), facts)) {
          verdicts.get(j).put(verdict.path(), verdict);
        }
      }
    }
  }

  /**
   * A job's verdict on a path; for a directory asset, on its contents too: the first of the two
   * that is not kept decides. Null when the job could not be evaluated.
   */
  private static Verdict verdict(Map<String, Verdict> byPath, String path, boolean directoryAsset) {
    Verdict verdict = byPath.get(path);
    if (verdict == null || !verdict.included() || !directoryAsset) {
      return verdict;
    }
    Verdict contents = byPath.get(path + CONTENT_PROBE);
    return contents == null || contents.included() ? verdict : contents;
  }

  private static RuleRef hiddenRule(Verdict beyond) {
    return beyond == null || beyond.included() ? null : beyond.rule();
  }

  /**
   * The descendants that matter (probes, assets below) that no job keeps, each with the reason of
   * the first job that loses it: the one whose fix would bring it back.
   */
  private static List<Gap> gaps(
      Asset asset,
      NavigableSet<String> assetPaths,
      List<JobUnderTest> jobs,
      List<Map<String, Verdict>> verdicts,
      List<Integer> keepers) {
    if (!asset.isDirectory()) {
      return List.of();
    }
    // the jobs that keep the asset first: the gap is named after the first of them that loses it
    List<Integer> order = new ArrayList<>(keepers);
    for (int j = 0; j < jobs.size(); j++) {
      if (!keepers.contains(j)) {
        order.add(j);
      }
    }
    List<Gap> gaps = new ArrayList<>();
    for (String probe : asset.probes()) {
      gap(probe, false, jobs, verdicts, order).ifPresent(gaps::add);
    }
    for (String path : assetPaths.tailSet(asset.path(), false)) {
      if (!path.startsWith(asset.path())) {
        break;
      }
      gap(path, path.endsWith("/"), jobs, verdicts, order).ifPresent(gaps::add);
    }
    return gaps;
  }

  private static Optional<Gap> gap(
      String path,
      boolean directoryAsset,
      List<JobUnderTest> jobs,
      List<Map<String, Verdict>> all,
      List<Integer> order) {
    Verdict lost = null;
    int by = -1;
    for (int j : order) {
      Verdict verdict = verdict(all.get(j), path, directoryAsset);
      if (verdict != null && verdict.included()) {
        return Optional.empty();
      }
      if (by < 0 || (lost == null && verdict != null)) {
        lost = verdict;
        by = j;
      }
    }
    if (by < 0) {
      return Optional.empty(); // no job at all: the asset itself is uncovered, not partial
    }
    return Optional.of(
        new Gap(
            path,
            jobs.get(by).name(),
            lost == null ? "job-not-evaluable" : lost.reason().id(),
            lost == null ? null : lost.rule(),
            lost == null ? null : lost.ancestor()));
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
