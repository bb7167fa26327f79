package io.blindspot.core.policy;

import static io.blindspot.core.policy.PolicyEvaluatorTest.FRESH;
import static io.blindspot.core.policy.PolicyEvaluatorTest.NOW;
import static io.blindspot.core.policy.PolicyEvaluatorTest.VAR_DB;
import static io.blindspot.core.policy.PolicyEvaluatorTest.asset;
import static io.blindspot.core.policy.PolicyEvaluatorTest.document;
import static io.blindspot.core.policy.PolicyEvaluatorTest.excluded;
import static io.blindspot.core.policy.PolicyEvaluatorTest.facts;
import static io.blindspot.core.policy.PolicyEvaluatorTest.healthy;
import static io.blindspot.core.policy.PolicyEvaluatorTest.kept;
import static org.assertj.core.api.Assertions.assertThat;

import io.blindspot.core.coverage.AssetCoverage.JobVerdict;
import io.blindspot.core.coverage.CoverageDocument.AssetEntry;
import io.blindspot.core.world.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BaselinePoliciesTest {

  private final PolicyEvaluator evaluator = new PolicyEvaluator();
  private final Map<String, Policy> baseline =
      BaselinePolicies.load().stream().collect(Collectors.toMap(Policy::name, Function.identity()));

  @Test
  void theFiveBaselinePoliciesParseWithTheirSeverities() {
    assertThat(BaselinePolicies.load())
        .extracting(Policy::name, Policy::severity, Policy::enabled)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("package-db-covered", Severity.CRITICAL, true),
            org.assertj.core.groups.Tuple.tuple("no-critical-uncovered", Severity.HIGH, true),
            org.assertj.core.groups.Tuple.tuple("mounts-covered", Severity.MEDIUM, true),
            org.assertj.core.groups.Tuple.tuple("etc-backed-up-daily", Severity.HIGH, true),
            org.assertj.core.groups.Tuple.tuple("restore-ready", Severity.MEDIUM, true));
    assertThat(BaselinePolicies.load())
        .allSatisfy(p -> assertThat(p.selector().isEmpty()).isTrue());
  }

  @Test
  void aHealthyServerPassesEveryBaselinePolicy() {
    List<PolicyResult> results =
        evaluator.evaluate(
            BaselinePolicies.load(),
            List.of(),
            facts(document("READY", healthy().toArray(AssetEntry[]::new)), null, FRESH));
    assertThat(results).extracting(PolicyResult::status).containsOnly(PolicyStatus.PASS);
  }

  @Test
  void theFoundingStoryFailsTheBaselineWhereItShould() {
    // /var/db excluded: the package database is uncovered; /var on another disk with xdev
    List<AssetEntry> assets = healthy();
    assets.set(
        0,
        asset(
            "/var/db/pkg/",
            "package-db",
            "critical",
            "uncovered",
            excluded("nightly", VAR_DB, "/var/db/")));
    assets.set(
        3,
        asset(
            "/var/",
            "mount",
            "high",
            "uncovered",
            new JobVerdict(
                "nightly",
                "dirvish",
                false,
                "other-filesystem",
                null,
                "/var/",
                VAR_DB,
                FRESH,
                "s1")));
    var facts =
        facts(
            document("NOT_RESTORABLE", assets.toArray(AssetEntry[]::new)),
            null,
            NOW.minus(Duration.ofHours(30)));
    Map<String, PolicyResult> results =
        evaluator.evaluate(BaselinePolicies.load(), List.of(), facts).stream()
            .collect(Collectors.toMap(PolicyResult::policy, Function.identity()));

    assertThat(results.get("package-db-covered").findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.requirement()).isEqualTo("package-db-and-world-set");
              assertThat(f.path()).isEqualTo("/var/db/pkg/");
            });
    assertThat(results.get("no-critical-uncovered").findings())
        .extracting(Finding::path)
        .containsExactly("/var/db/pkg/");
    assertThat(results.get("mounts-covered").findings())
        .extracting(Finding::path)
        .containsExactly("/var/");
    assertThat(results.get("etc-backed-up-daily").findings())
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("30 h ago"));
    assertThat(results.get("restore-ready").status()).isEqualTo(PolicyStatus.FAIL);
    assertThat(results.values())
        .allSatisfy(r -> assertThat(r.status()).isEqualTo(PolicyStatus.FAIL));
    assertThat(baseline.get("package-db-covered").severity()).isEqualTo(Severity.CRITICAL);
    assertThat(kept("x").included()).isTrue();
  }
}
