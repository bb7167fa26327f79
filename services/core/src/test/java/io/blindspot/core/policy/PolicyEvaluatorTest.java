package io.blindspot.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.backup.Filesystem;
import io.blindspot.core.backup.RuleRef;
import io.blindspot.core.backup.TreeFacts;
import io.blindspot.core.coverage.AssetCoverage.Gap;
import io.blindspot.core.coverage.AssetCoverage.JobVerdict;
import io.blindspot.core.coverage.CoverageDocument;
import io.blindspot.core.coverage.CoverageDocument.AssetEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {

  static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");
  static final Instant FRESH = NOW.minus(Duration.ofHours(3));
  static final RuleRef VAR_DB = new RuleRef("/etc/dirvish/master.conf", 5, "/var/db");
  static final UUID SERVER = UUID.fromString("00000000-0000-0000-0000-000000000001");

  private final PolicyEvaluator evaluator = new PolicyEvaluator();

  static JobVerdict kept(String job) {
    return new JobVerdict(job, "dirvish", true, "included", null, null, null, FRESH, "s1");
  }

  static JobVerdict excluded(String job, RuleRef rule, String ancestor) {
    return new JobVerdict(
        job, "dirvish", false, "parent-excluded", rule, ancestor, null, FRESH, "s1");
  }

  static AssetEntry asset(
      String path, String kind, String severity, String status, JobVerdict... jobs) {
    return new AssetEntry(
        path, kind, severity, status, "why", null, List.of(jobs), List.of(), List.of());
  }

  static CoverageDocument document(String readiness, AssetEntry... assets) {
    return new CoverageDocument(
        "web1",
        readiness,
        80,
        NOW,
        List.of("the package database /var/db/pkg/ is uncovered"),
        List.of(assets),
        null,
        null,
        List.of(),
        List.of());
  }

  /** Every asset kind present and covered: the healthy server. */
  static List<AssetEntry> healthy() {
    return new ArrayList<>(
        List.of(
            asset("/var/db/pkg/", "package-db", "critical", "covered", kept("nightly")),
            asset("/var/lib/portage/world", "world-set", "critical", "verified", kept("nightly")),
            asset("/etc/", "config", "high", "covered", kept("nightly")),
            asset("/var/", "mount", "high", "covered", kept("nightly")),
            asset("/etc/fstab", "system-layout", "high", "covered", kept("nightly"))));
  }

  static ServerFacts facts(CoverageDocument coverage, PathProbe probe, Instant lastSuccess) {
    return new ServerFacts(
        SERVER,
        "web1",
        Map.of("env", "prod"),
        "gentoo",
        Set.of("gentoo-sources", "glibc"),
        coverage,
        List.of(new ServerFacts.JobFacts("nightly", "dirvish", lastSuccess)),
        probe,
        NOW);
  }

  static Policy policy(String requirementJson) {
    return PolicyParser.fromJson(
        "{\"name\": \"p\", \"severity\": \"high\", \"requirements\": [" + requirementJson + "]}");
  }

  private PolicyResult run(String requirementJson, ServerFacts facts) {
    return evaluator.evaluate(policy(requirementJson), List.of(), facts);
  }

  @Test
  void assetsCoveredFailsOnEachUncoveredAssetNamingTheRuleAndOnAMissingKind() {
    String requirement =
        "{\"type\": \"assets-covered\", \"kinds\": [\"package-db\", \"world-set\"]}";
    assertThat(
            run(
                    requirement,
                    facts(document("READY", healthy().toArray(AssetEntry[]::new)), null, FRESH))
                .status())
        .isEqualTo(PolicyStatus.PASS);

    List<AssetEntry> assets = healthy();
    assets.set(
        0,
        asset(
            "/var/db/pkg/",
            "package-db",
            "critical",
            "uncovered",
            excluded("nightly", VAR_DB, "/var/db/")));
    PolicyResult failed =
        run(
            requirement,
            facts(document("NOT_RESTORABLE", assets.toArray(AssetEntry[]::new)), null, FRESH));
    assertThat(failed.status()).isEqualTo(PolicyStatus.FAIL);
    assertThat(failed.findings()).hasSize(1);
    Finding finding = failed.findings().get(0);
    assertThat(finding.requirement()).isEqualTo("assets-covered");
    assertThat(finding.path()).isEqualTo("/var/db/pkg/");
    assertThat(finding.assetKind()).isEqualTo("package-db");
    assertThat(finding.assetStatus()).isEqualTo("uncovered");
    assertThat(finding.job()).isEqualTo("nightly");
    assertThat(finding.status()).isEqualTo("fail");
    assertThat(finding.message())
        .contains("package-db /var/db/pkg/ is uncovered")
        .contains("'/var/db' (/etc/dirvish/master.conf:5)");
    assertThat(finding.evidence().rule()).isEqualTo(VAR_DB);
    assertThat(finding.evidence().jobs()).hasSize(1);

    // the world set is gone from the document although the server has packages
    List<AssetEntry> withoutWorld = healthy();
    withoutWorld.remove(1);
    PolicyResult missing =
        run(
            requirement,
            facts(document("READY", withoutWorld.toArray(AssetEntry[]::new)), null, FRESH));
    assertThat(missing.status()).isEqualTo(PolicyStatus.FAIL);
    assertThat(missing.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.path()).isEmpty();
              assertThat(f.message()).contains("no world-set asset");
            });
  }

  @Test
  void partialAssetsNameTheLostPartAndItsRule() {
    AssetEntry partial =
        new AssetEntry(
            "/var/db/pkg/",
            "package-db",
            "critical",
            "partial",
            "why",
            null,
            List.of(kept("nightly")),
            List.of(
                new Gap(
                    "/var/db/pkg/sys-libs/glibc-2.38-r10/",
                    "nightly",
                    "excluded-by-rule",
                    VAR_DB,
                    null)),
            List.of());
    PolicyResult result =
        run(
            "{\"type\": \"assets-covered\", \"kinds\": [\"package-db\"]}",
            facts(document("AT_RISK", partial), null, FRESH));
    assertThat(result.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.assetStatus()).isEqualTo("partial");
              assertThat(f.job()).isEqualTo("nightly");
              assertThat(f.message()).contains("/var/db/pkg/sys-libs/glibc-2.38-r10/");
              assertThat(f.evidence().gaps()).hasSize(1);
            });
  }

  @Test
  void noUncoveredLooksAtThatSeverityAndWorseOnly() {
    CoverageDocument doc =
        document(
            "AT_RISK",
            asset("/home/", "user-data", "high", "uncovered", excluded("nightly", VAR_DB, null)),
            asset("/var/db/pkg/", "package-db", "critical", "stale", kept("nightly")));
    assertThat(
            run("{\"type\": \"no-uncovered\", \"severity\": \"critical\"}", facts(doc, null, FRESH))
                .status())
        .isEqualTo(PolicyStatus.PASS);
    PolicyResult high =
        run("{\"type\": \"no-uncovered\", \"severity\": \"high\"}", facts(doc, null, FRESH));
    assertThat(high.status()).isEqualTo(PolicyStatus.FAIL);
    assertThat(high.findings()).extracting(Finding::path).containsExactly("/home/");
  }

  @Test
  void mountsCoveredFailsOnAMountOnAnotherFilesystem() {
    JobVerdict otherFs =
        new JobVerdict(
            "nightly", "dirvish", false, "other-filesystem", null, "/var/", VAR_DB, FRESH, "s1");
    CoverageDocument doc =
        document(
            "AT_RISK",
            asset("/", "mount", "high", "covered", kept("nightly")),
            asset("/var/", "mount", "high", "uncovered", otherFs));
    PolicyResult result = run("{\"type\": \"mounts-covered\"}", facts(doc, null, FRESH));
    assertThat(result.status()).isEqualTo(PolicyStatus.FAIL);
    assertThat(result.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.path()).isEqualTo("/var/");
              assertThat(f.message())
                  .contains("other-filesystem")
                  .contains("would still be hidden by '/var/db'");
              assertThat(f.evidence().rule()).isEqualTo(VAR_DB);
            });
    assertThat(result.outcomes())
        .singleElement()
        .satisfies(o -> assertThat(o.summary()).isEqualTo("1 of 2 mount(s) not covered"));
  }

  @Test
  void freshBackupComparesTheNewestSuccessOfTheIncludingJobs() {
    CoverageDocument doc = document("READY", healthy().toArray(AssetEntry[]::new));
    String requirement = "{\"type\": \"fresh-backup\", \"path\": \"/etc\", \"maxAge\": \"PT26H\"}";
    PolicyResult fresh = run(requirement, facts(doc, null, FRESH));
    assertThat(fresh.status()).isEqualTo(PolicyStatus.PASS);
    assertThat(fresh.outcomes().get(0).summary()).contains("nightly succeeded").contains("3 h ago");

    PolicyResult old = run(requirement, facts(doc, null, NOW.minus(Duration.ofHours(40))));
    assertThat(old.status()).isEqualTo(PolicyStatus.FAIL);
    assertThat(old.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.path()).isEqualTo("/etc");
              assertThat(f.job()).isEqualTo("nightly");
              assertThat(f.message()).contains("too old").contains("40 h ago").contains("PT26H");
            });

    PolicyResult never =
        evaluator.evaluate(
            policy(requirement),
            List.of(),
            new ServerFacts(
                SERVER,
                "web1",
                Map.of(),
                "gentoo",
                Set.of(),
                document(
                    "READY",
                    asset(
                        "/etc/",
                        "config",
                        "high",
                        "stale",
                        new JobVerdict(
                            "nightly", "dirvish", true, "included", null, null, null, null, null))),
                List.of(new ServerFacts.JobFacts("nightly", "dirvish", null)),
                null,
                NOW));
    assertThat(never.findings())
        .singleElement()
        .satisfies(
            f -> assertThat(f.message()).contains("nightly include /etc but never succeeded"));
  }

  @Test
  void freshBackupAndPathCoveredProbeAPathThatIsNoAsset() {
    // a real rsync job, evaluated by the real engine: /etc/ssl/private is excluded at line 2
    BackupJob rsync =
        new BackupJob(
            "nightly",
            "rsync",
            List.of(
                "rsync", "-aHx", "--exclude-from=/etc/backup/excludes", "/", "vault:/srv/web1/"),
            Map.of("/etc/backup/excludes", "/proc\n/etc/ssl/private\n"),
            null,
            null);
    PathProbe probe =
        new JobPathProbe(
            List.of(rsync), new TreeFacts(List.of(new Filesystem("/", "/dev/sda1")), null, null));
    CoverageDocument doc = document("READY", healthy().toArray(AssetEntry[]::new));

    PolicyResult hidden =
        run(
            "{\"type\": \"path-covered\", \"path\": \"/etc/ssl/private\"}",
            facts(doc, probe, FRESH));
    assertThat(hidden.status()).isEqualTo(PolicyStatus.FAIL);
    assertThat(hidden.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.job()).isEqualTo("nightly");
              assertThat(f.assetStatus()).isEqualTo("uncovered");
              assertThat(f.evidence().rule())
                  .isEqualTo(new RuleRef("/etc/backup/excludes", 2, "/etc/ssl/private"));
              assertThat(f.message())
                  .contains("not kept by any backup job")
                  .contains("/etc/backup/excludes:2");
            });

    assertThat(
            run("{\"type\": \"path-covered\", \"path\": \"/etc/ssh/\"}", facts(doc, probe, FRESH))
                .status())
        .isEqualTo(PolicyStatus.PASS);
    assertThat(
            run(
                    "{\"type\": \"fresh-backup\", \"path\": \"/srv/data/\", \"maxAge\": \"PT1H\"}",
                    facts(doc, probe, NOW.minus(Duration.ofHours(2))))
                .findings())
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("too old"));
    assertThat(
            run(
                    "{\"type\": \"fresh-backup\", \"path\": \"/etc/ssl/private/\", \"maxAge\": \"PT1H\"}",
                    facts(doc, probe, FRESH))
                .findings())
        .singleElement()
        .satisfies(
            f -> assertThat(f.message()).startsWith("no backup job includes /etc/ssl/private/"));
  }

  @Test
  void aJobThatDoesNotCompileKeepsNothingAndSaysWhy() {
    BackupJob broken =
        new BackupJob(
            "broken",
            "rsync",
            List.of("rsync", "--no-such-option", "/", "vault:/srv/"),
            Map.of(),
            null,
            null);
    PathProbe probe = new JobPathProbe(List.of(broken), null);
    assertThat(probe.probe("/etc/ssl/private/"))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.included()).isFalse();
              assertThat(v.reason()).isEqualTo("job-error");
              assertThat(v.error()).contains("--no-such-option");
            });
    PolicyResult result =
        run(
            "{\"type\": \"path-covered\", \"path\": \"/etc/ssl/private/\"}",
            facts(document("READY", healthy().toArray(AssetEntry[]::new)), probe, FRESH));
    assertThat(result.findings())
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("job broken: cannot be evaluated"));
  }

  @Test
  void pathCoveredUsesTheAssetStatusWhenThePathIsAnAsset() {
    List<AssetEntry> assets = healthy();
    assets.add(
        asset(
            "/etc/ssl/private/",
            "service-data",
            "critical",
            "uncovered",
            excluded("nightly", VAR_DB, null)));
    PolicyResult result =
        run(
            "{\"type\": \"path-covered\", \"path\": \"/etc/ssl/private\"}",
            facts(
                document("NOT_RESTORABLE", assets.toArray(AssetEntry[]::new)),
                PathProbe.NONE,
                FRESH));
    assertThat(result.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.assetKind()).isEqualTo("service-data");
              assertThat(f.path()).isEqualTo("/etc/ssl/private/");
              assertThat(f.job()).isEqualTo("nightly");
            });
  }

  @Test
  void readinessMustEqual() {
    String requirement = "{\"type\": \"readiness\", \"is\": \"READY\"}";
    assertThat(run(requirement, facts(document("READY"), null, FRESH)).status())
        .isEqualTo(PolicyStatus.PASS);
    PolicyResult result = run(requirement, facts(document("NOT_RESTORABLE"), null, FRESH));
    assertThat(result.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.path()).isEmpty();
              assertThat(f.message())
                  .startsWith("readiness is NOT_RESTORABLE, not READY: the package database");
              assertThat(f.evidence().reasons()).hasSize(1);
            });
  }

  @Test
  void withoutCoverageEveryRequirementFailsSayingSo() {
    Policy policy =
        PolicyParser.fromJson(
            """
            {"name": "all", "severity": "low", "requirements": [
              {"type": "readiness", "is": "READY"},
              {"type": "path-covered", "path": "/etc/ssl/private"}]}""");
    PolicyResult result = evaluator.evaluate(policy, List.of(), facts(null, null, FRESH));
    assertThat(result.status()).isEqualTo(PolicyStatus.FAIL);
    assertThat(result.findings())
        .extracting(Finding::requirement, Finding::path)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("readiness", ""),
            org.assertj.core.groups.Tuple.tuple("path-covered", "/etc/ssl/private"));
    assertThat(result.findings())
        .allSatisfy(f -> assertThat(f.message()).startsWith("coverage has not been evaluated"));
  }

  @Test
  void aSelectorThatDoesNotMatchMakesThePolicyNotApplicable() {
    Policy debianOnly =
        PolicyParser.fromJson(
            "{\"name\": \"d\", \"severity\": \"low\", \"selector\": {\"osFamily\": [\"debian\"]},"
                + " \"requirements\": [{\"type\": \"readiness\", \"is\": \"READY\"}]}");
    PolicyResult result = evaluator.evaluate(debianOnly, List.of(), facts(null, null, FRESH));
    assertThat(result.status()).isEqualTo(PolicyStatus.NOT_APPLICABLE);
    assertThat(result.findings()).isEmpty();
    assertThat(
            evaluator.evaluate(
                List.of(debianOnly.withEnabled(false)), List.of(), facts(null, null, FRESH)))
        .isEmpty();
  }

  @Test
  void anActiveWaiverTurnsAFailureIntoWaivedUntilItsExpiry() {
    Policy policy = policy("{\"type\": \"readiness\", \"is\": \"READY\"}");
    ServerFacts facts = facts(document("AT_RISK"), null, FRESH);
    Instant expiry = NOW.plus(Duration.ofDays(7));
    Waiver forServer = new Waiver(7, "p", SERVER, null, expiry, null);
    PolicyResult waived = evaluator.evaluate(policy, List.of(forServer), facts);
    assertThat(waived.status()).isEqualTo(PolicyStatus.WAIVED);
    assertThat(waived.waiverId()).isEqualTo(7);
    assertThat(waived.waivedUntil()).isEqualTo(expiry);
    assertThat(waived.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo("waived");
              assertThat(f.waivedUntil()).isEqualTo(expiry);
              assertThat(f.message()).contains("AT_RISK");
            });

    Waiver expired = new Waiver(8, "p", SERVER, null, NOW.minusSeconds(1), null);
    Waiver revoked = new Waiver(9, "p", SERVER, null, expiry, NOW.minusSeconds(60));
    Waiver otherPolicy = new Waiver(10, "q", SERVER, null, expiry, null);
    Waiver otherServer = new Waiver(11, "p", UUID.randomUUID(), null, expiry, null);
    Waiver bySelector =
        new Waiver(
            12, "p", null, new Selector(Map.of("env", "prod"), null, null, "web?"), expiry, null);
    Waiver byOtherSelector =
        new Waiver(
            13, "p", null, new Selector(Map.of("env", "dev"), null, null, null), expiry, null);
    assertThat(
            evaluator
                .evaluate(
                    policy,
                    List.of(expired, revoked, otherPolicy, otherServer, byOtherSelector),
                    facts)
                .status())
        .isEqualTo(PolicyStatus.FAIL);
    assertThat(evaluator.evaluate(policy, List.of(expired, bySelector), facts).waiverId())
        .isEqualTo(12);
    // a passing result stays a pass, waiver or not
    assertThat(
            evaluator
                .evaluate(policy, List.of(forServer), facts(document("READY"), null, FRESH))
                .status())
        .isEqualTo(PolicyStatus.PASS);
  }

  @Test
  void selectorsMatchLabelsFamilyPackageAndHostnameGlob() {
    ServerFacts web1 = facts(null, null, FRESH);
    assertThat(Selector.ANY.matches(web1)).isTrue();
    assertThat(
            new Selector(Map.of("env", "prod"), List.of("debian", "gentoo"), "glibc", "w*1")
                .matches(web1))
        .isTrue();
    assertThat(new Selector(Map.of("env", "prod", "tier", "db"), null, null, null).matches(web1))
        .isFalse();
    assertThat(new Selector(null, List.of("rhel"), null, null).matches(web1)).isFalse();
    assertThat(new Selector(null, null, "mysql-server", null).matches(web1)).isFalse();
    assertThat(new Selector(null, null, null, "web?").matches(web1)).isTrue();
    ServerFacts unknownOs =
        new ServerFacts(SERVER, "web1", null, null, null, null, null, null, NOW);
    assertThat(new Selector(null, List.of("debian"), null, null).matches(unknownOs)).isFalse();
    assertThat(Selector.ANY.matches(unknownOs)).isTrue();
    assertThat(new Selector(null, null, null, "web").matches(web1)).isFalse();
    assertThat(new Selector(null, null, null, "w.b1").matches(web1)).isFalse();
    assertThat(
            Arrays.asList(
                Selector.glob("db-*.example").matcher("db-1.example").matches(),
                Selector.glob("db-*.example").matcher("db-1xexample").matches()))
        .containsExactly(true, false);
  }
}
