package io.blindspot.core.policy;

import io.blindspot.core.backup.RuleRef;
import io.blindspot.core.coverage.AssetCoverage.Gap;
import io.blindspot.core.coverage.AssetCoverage.JobVerdict;
import io.blindspot.core.coverage.CoverageDocument;
import io.blindspot.core.coverage.CoverageDocument.AssetEntry;
import io.blindspot.core.world.AssetKind;
import io.blindspot.core.world.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Evaluates policies over one server's facts: pass, fail, waived or not-applicable, with a finding
 * per failing requirement and asset saying what fails, why, and the evidence behind it.
 */
public final class PolicyEvaluator {

  private static final Set<String> GOOD = Set.of("covered", "verified");
  private static final String NO_COVERAGE =
      "coverage has not been evaluated for this server yet (nothing uploaded, or the coverage"
          + " service has not run)";

  /** Every enabled policy's result, in the policies' order; disabled ones are skipped. */
  public List<PolicyResult> evaluate(
      List<Policy> policies, List<Waiver> waivers, ServerFacts server) {
    return policies.stream()
        .filter(Policy::enabled)
        .map(policy -> evaluate(policy, waivers, server))
        .toList();
  }

  public PolicyResult evaluate(Policy policy, List<Waiver> waivers, ServerFacts server) {
    if (!policy.selector().matches(server)) {
      return new PolicyResult(
          policy.name(),
          policy.severity(),
          PolicyStatus.NOT_APPLICABLE,
          List.of(),
          List.of(),
          null,
          null);
    }
    Context context = new Context(server);
    List<PolicyResult.RequirementOutcome> outcomes = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    for (Requirement requirement : policy.requirements()) {
      Check check = context.check(requirement);
      outcomes.add(
          new PolicyResult.RequirementOutcome(
              requirement.id(), requirement.type(), check.findings.isEmpty(), check.summary));
      findings.addAll(check.findings);
    }
    if (findings.isEmpty()) {
      return new PolicyResult(
          policy.name(), policy.severity(), PolicyStatus.PASS, outcomes, List.of(), null, null);
    }
    Optional<Waiver> waiver =
        waivers.stream()
            .filter(w -> w.appliesTo(policy.name(), server))
            .max(Comparator.comparing(Waiver::expiresAt));
    if (waiver.isPresent()) {
      Waiver w = waiver.get();
      return new PolicyResult(
          policy.name(),
          policy.severity(),
          PolicyStatus.WAIVED,
          outcomes,
          findings.stream().map(f -> f.waived(w.id(), w.expiresAt())).toList(),
          w.id(),
          w.expiresAt());
    }
    return new PolicyResult(
        policy.name(), policy.severity(), PolicyStatus.FAIL, outcomes, findings, null, null);
  }

  /** A requirement's findings (none when it holds) and a sentence on the outcome. */
  private record Check(List<Finding> findings, String summary) {
    static Check pass(String summary) {
      return new Check(List.of(), summary);
    }
  }

  /** One server's facts, indexed once for all its policies' requirements. */
  private static final class Context {
    private final ServerFacts server;
    private final CoverageDocument coverage;
    private final Map<String, AssetEntry> byPath = new HashMap<>();
    private final Map<String, Instant> lastSuccess = new HashMap<>();

    Context(ServerFacts server) {
      this.server = server;
      this.coverage = server.coverage();
      if (coverage != null && coverage.assets() != null) {
        for (AssetEntry asset : coverage.assets()) {
          byPath.putIfAbsent(normal(asset.path()), asset);
        }
      }
      for (ServerFacts.JobFacts job : server.jobs()) {
        if (job.lastSuccess() != null) {
          lastSuccess.put(job.name(), job.lastSuccess());
        }
      }
    }

    Check check(Requirement requirement) {
      if (coverage == null) {
        String path = pathOf(requirement);
        return new Check(
            List.of(
                finding(
                    requirement,
                    path,
                    null,
                    null,
                    null,
                    NO_COVERAGE + ": cannot tell whether " + describe(requirement),
                    Finding.Evidence.NONE)),
            "coverage not evaluated yet");
      }
      if (requirement instanceof Requirement.AssetsCovered r) {
        return assetsCovered(r);
      } else if (requirement instanceof Requirement.NoUncovered r) {
        return noUncovered(r);
      } else if (requirement instanceof Requirement.MountsCovered r) {
        return mountsCovered(r);
      } else if (requirement instanceof Requirement.FreshBackup r) {
        return freshBackup(r);
      } else if (requirement instanceof Requirement.ReadinessIs r) {
        return readiness(r);
      } else if (requirement instanceof Requirement.PathCovered r) {
        return pathCovered(r);
      }
      throw new IllegalStateException("unknown requirement " + requirement);
    }

    private Check assetsCovered(Requirement.AssetsCovered r) {
      List<Finding> findings = new ArrayList<>();
      Set<String> kinds = r.kinds().stream().map(AssetKind::id).collect(Collectors.toSet());
      int checked = 0;
      for (AssetEntry asset : assets()) {
        if (kinds.contains(asset.kind())) {
          checked++;
          if (!GOOD.contains(asset.status())) {
            findings.add(assetFinding(r, asset));
          }
        }
      }
      List<String> missing =
          r.kinds().stream()
              .filter(this::expected)
              .map(AssetKind::id)
              .filter(kind -> assets().stream().noneMatch(a -> a.kind().equals(kind)))
              .toList();
      if (!missing.isEmpty()) {
        findings.add(
            finding(
                r,
                "",
                String.join(",", missing),
                null,
                null,
                "the coverage has no "
                    + String.join(" or ", missing)
                    + " asset although this server should have one ("
                    + server.packages().size()
                    + " installed packages known): nothing says it is backed up",
                Finding.Evidence.NONE));
      }
      return findings.isEmpty()
          ? Check.pass(
              checked + " asset(s) of kind " + String.join(", ", kinds(r)) + " covered or verified")
          : new Check(findings, findings.size() + " asset(s) not covered");
    }

    /** Kinds every world of a server like this one has: their absence is a failure too. */
    private boolean expected(AssetKind kind) {
      return switch (kind) {
        case PACKAGE_DB, WORLD_SET -> !server.packages().isEmpty();
        case CONFIG, SYSTEM_LAYOUT -> true;
        default -> false;
      };
    }

    private Check noUncovered(Requirement.NoUncovered r) {
      List<Finding> findings = new ArrayList<>();
      for (AssetEntry asset : assets()) {
        if ("uncovered".equals(asset.status()) && atLeast(asset.severity(), r.severity())) {
          findings.add(assetFinding(r, asset));
        }
      }
      return findings.isEmpty()
          ? Check.pass("no " + r.severity().id() + " or worse asset is uncovered")
          : new Check(
              findings, findings.size() + " " + r.severity().id() + " or worse asset(s) uncovered");
    }

    private Check mountsCovered(Requirement.MountsCovered r) {
      List<Finding> findings = new ArrayList<>();
      int mounts = 0;
      for (AssetEntry asset : assets()) {
        if (AssetKind.MOUNT.id().equals(asset.kind())) {
          mounts++;
          if (!GOOD.contains(asset.status())) {
            findings.add(assetFinding(r, asset));
          }
        }
      }
      return findings.isEmpty()
          ? Check.pass(mounts + " mount(s) covered or verified")
          : new Check(findings, findings.size() + " of " + mounts + " mount(s) not covered");
    }

    private Check freshBackup(Requirement.FreshBackup r) {
      AssetEntry asset = byPath.get(normal(r.path()));
      List<String> including = new ArrayList<>();
      List<PathProbe.ProbeVerdict> probe = List.of();
      Finding.Evidence evidence;
      if (asset != null) {
        for (JobVerdict verdict : nonNull(asset.jobs())) {
          if (verdict.included()) {
            including.add(verdict.job());
            // the job table's newest success is current; the verdict's is as of the evaluation
            if (verdict.lastSuccess() != null) {
              lastSuccess.putIfAbsent(verdict.job(), verdict.lastSuccess());
            }
          }
        }
        evidence = new Finding.Evidence(asset.jobs(), null, null, null, null, null);
      } else {
        probe = server.probe().probe(r.path());
        probe.stream()
            .filter(PathProbe.ProbeVerdict::included)
            .forEach(v -> including.add(v.job()));
        evidence = new Finding.Evidence(null, probe, null, null, null, null);
      }
      String kind = asset == null ? null : asset.kind();
      String status = asset == null ? null : asset.status();
      if (including.isEmpty()) {
        String why =
            asset == null
                ? probeReasons(probe)
                : hiding(asset).map(Context::verdictText).orElse(noJobText());
        return new Check(
            List.of(
                finding(
                    r,
                    r.path(),
                    kind,
                    status,
                    null,
                    "no backup job includes " + r.path() + ": " + why,
                    evidence)),
            "no job includes " + r.path());
      }
      Optional<String> newest =
          including.stream()
              .filter(lastSuccess::containsKey)
              .max(Comparator.comparing(lastSuccess::get));
      if (newest.isEmpty()) {
        return new Check(
            List.of(
                finding(
                    r,
                    r.path(),
                    kind,
                    status,
                    including.get(0),
                    "job(s) "
                        + String.join(", ", including)
                        + " include "
                        + r.path()
                        + " but never succeeded",
                    evidence)),
            "never backed up successfully");
      }
      Instant success = lastSuccess.get(newest.get());
      Duration age = Duration.between(success, server.now());
      String when = newest.get() + " succeeded at " + success + ", " + age(age) + " ago";
      if (age.compareTo(r.maxAge()) >= 0) {
        return new Check(
            List.of(
                finding(
                    r,
                    r.path(),
                    kind,
                    status,
                    newest.get(),
                    "the newest backup of "
                        + r.path()
                        + " is too old: "
                        + when
                        + ", more than "
                        + r.maxAge()
                        + " allows",
                    evidence)),
            "newest backup " + age(age) + " old, over " + r.maxAge());
      }
      return Check.pass(when + " (within " + r.maxAge() + ")");
    }

    private Check readiness(Requirement.ReadinessIs r) {
      if (r.is().name().equals(coverage.readiness())) {
        return Check.pass("readiness is " + coverage.readiness());
      }
      List<String> reasons = coverage.reasons() == null ? List.of() : coverage.reasons();
      return new Check(
          List.of(
              finding(
                  r,
                  "",
                  null,
                  null,
                  null,
                  "readiness is "
                      + coverage.readiness()
                      + ", not "
                      + r.is()
                      + (reasons.isEmpty() ? "" : ": " + String.join("; ", reasons)),
                  new Finding.Evidence(null, null, null, null, null, reasons))),
          "readiness is " + coverage.readiness());
    }

    private Check pathCovered(Requirement.PathCovered r) {
      AssetEntry asset = byPath.get(normal(r.path()));
      if (asset != null) {
        if (GOOD.contains(asset.status())) {
          return Check.pass(r.path() + " is " + asset.status());
        }
        return new Check(List.of(assetFinding(r, asset)), r.path() + " is " + asset.status());
      }
      List<PathProbe.ProbeVerdict> probe = server.probe().probe(r.path());
      Optional<PathProbe.ProbeVerdict> keeping =
          probe.stream().filter(PathProbe.ProbeVerdict::included).findFirst();
      if (keeping.isPresent()) {
        return Check.pass(r.path() + " is kept by job " + keeping.get().job());
      }
      Optional<PathProbe.ProbeVerdict> hiding =
          probe.stream()
              .filter(v -> v.rule() != null)
              .findFirst()
              .or(() -> probe.stream().findFirst());
      return new Check(
          List.of(
              finding(
                  r,
                  r.path(),
                  null,
                  "uncovered",
                  hiding.map(PathProbe.ProbeVerdict::job).orElse(null),
                  r.path() + " is not kept by any backup job: " + probeReasons(probe),
                  new Finding.Evidence(
                      null,
                      probe,
                      hiding.map(PathProbe.ProbeVerdict::rule).orElse(null),
                      null,
                      null,
                      null))),
          r.path() + " is uncovered");
    }

    private Finding assetFinding(Requirement r, AssetEntry asset) {
      Optional<JobVerdict> hiding = hiding(asset);
      RuleRef rule = hiding.map(v -> v.rule() != null ? v.rule() : v.hiddenRule()).orElse(null);
      String job = hiding.map(JobVerdict::job).orElse(null);
      List<Gap> gaps = nonNull(asset.gaps());
      String why =
          switch (asset.status()) {
            case "partial" ->
                gaps.isEmpty()
                    ? "some of its contents are not kept"
                    : gaps.size()
                        + " part(s) that matter are lost, e.g. "
                        + gaps.get(0).path()
                        + " (job "
                        + gaps.get(0).job()
                        + (gaps.get(0).rule() == null ? "" : ", " + ruleText(gaps.get(0).rule()))
                        + ")";
            case "stale" -> "only kept by jobs whose last success is too old: " + successes(asset);
            case "missing-from-snapshot" ->
                "the rules keep it but the newest snapshot listing lacks it";
            default -> hiding.map(Context::verdictText).orElse(noJobText());
          };
      if (job == null && "partial".equals(asset.status()) && !gaps.isEmpty()) {
        job = gaps.get(0).job();
        rule = gaps.get(0).rule();
      }
      return finding(
          r,
          asset.path(),
          asset.kind(),
          asset.status(),
          job,
          asset.kind() + " " + asset.path() + " is " + asset.status() + ": " + why,
          new Finding.Evidence(asset.jobs(), null, rule, gaps, asset.remediation(), null));
    }

    private String successes(AssetEntry asset) {
      return nonNull(asset.jobs()).stream()
          .filter(JobVerdict::included)
          .map(
              v -> {
                Instant at = lastSuccess.getOrDefault(v.job(), v.lastSuccess());
                return "job "
                    + v.job()
                    + (at == null ? " never succeeded" : " last succeeded " + at);
              })
          .collect(Collectors.joining("; "));
    }

    /** The job verdict that best explains why an asset is not kept. */
    private static Optional<JobVerdict> hiding(AssetEntry asset) {
      List<JobVerdict> jobs = nonNull(asset.jobs());
      return jobs.stream()
          .filter(v -> !v.included() && v.rule() != null)
          .findFirst()
          .or(() -> jobs.stream().filter(v -> !v.included() && v.hiddenRule() != null).findFirst())
          .or(() -> jobs.stream().filter(v -> !v.included()).findFirst());
    }

    private String noJobText() {
      return server.jobs().isEmpty() && (coverage == null || noJobsInCoverage())
          ? "the server has no backup job"
          : "no job keeps it";
    }

    private boolean noJobsInCoverage() {
      return assets().stream().allMatch(a -> nonNull(a.jobs()).isEmpty());
    }

    private String probeReasons(List<PathProbe.ProbeVerdict> probe) {
      if (probe.isEmpty()) {
        return "the server has no backup job";
      }
      return probe.stream()
          .map(
              v ->
                  "job "
                      + v.job()
                      + ": "
                      + (v.error() != null
                          ? "cannot be evaluated (" + v.error() + ")"
                          : v.included()
                              ? "included"
                              : reasonText(v.reason(), v.rule(), v.ancestor())))
          .collect(Collectors.joining("; "));
    }

    private static String verdictText(JobVerdict v) {
      String text = "job " + v.job() + ": " + reasonText(v.reason(), v.rule(), v.ancestor());
      if (v.rule() == null && v.hiddenRule() != null) {
        text += "; past the mount point it would still be hidden by " + ruleText(v.hiddenRule());
      }
      return text;
    }

    private static String reasonText(String reason, RuleRef rule, String ancestor) {
      StringBuilder text = new StringBuilder(reason == null ? "excluded" : reason);
      if (ancestor != null) {
        text.append(" (").append(ancestor).append(')');
      }
      if (rule != null) {
        text.append(" by ").append(ruleText(rule));
      }
      return text.toString();
    }

    private static String ruleText(RuleRef rule) {
      return "'"
          + rule.text()
          + "' ("
          + rule.file()
          + (rule.line() > 0 ? ":" + rule.line() : "")
          + ")";
    }

    private List<AssetEntry> assets() {
      return coverage.assets() == null ? List.of() : coverage.assets();
    }

    private Finding finding(
        Requirement r,
        String path,
        String kind,
        String status,
        String job,
        String message,
        Finding.Evidence evidence) {
      return new Finding(
          r.id(), path, kind, status, job, message, evidence, Finding.FAIL, null, null);
    }
  }

  private static String pathOf(Requirement requirement) {
    if (requirement instanceof Requirement.FreshBackup r) {
      return r.path();
    }
    if (requirement instanceof Requirement.PathCovered r) {
      return r.path();
    }
    return "";
  }

  private static String describe(Requirement requirement) {
    if (requirement instanceof Requirement.AssetsCovered r) {
      return "the " + String.join(", ", kinds(r)) + " assets are covered";
    } else if (requirement instanceof Requirement.NoUncovered r) {
      return "any " + r.severity().id() + " asset is uncovered";
    } else if (requirement instanceof Requirement.MountsCovered) {
      return "the mounts are covered";
    } else if (requirement instanceof Requirement.FreshBackup r) {
      return r.path() + " was backed up within " + r.maxAge();
    } else if (requirement instanceof Requirement.ReadinessIs r) {
      return "readiness is " + r.is();
    } else if (requirement instanceof Requirement.PathCovered r) {
      return r.path() + " is covered";
    }
    return requirement.id();
  }

  private static List<String> kinds(Requirement.AssetsCovered r) {
    return r.kinds().stream().map(AssetKind::id).toList();
  }

  private static boolean atLeast(String severity, Severity threshold) {
    try {
      return Severity.fromId(severity).ordinal() <= threshold.ordinal();
    } catch (IllegalArgumentException | NullPointerException e) {
      return false;
    }
  }

  /** "/etc/" and "/etc" name the same asset. */
  static String normal(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  static String age(Duration age) {
    long hours = age.toHours();
    if (hours >= 48) {
      return (hours / 24) + " days";
    }
    if (hours >= 1) {
      return hours + " h";
    }
    return Math.max(0, age.toMinutes()) + " min";
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }
}
