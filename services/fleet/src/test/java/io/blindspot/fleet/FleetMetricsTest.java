package io.blindspot.fleet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.blindspot.fleet.metrics.api.FleetGauges;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FleetMetricsTest {

  @Inject DataSource dataSource;
  @Inject FleetGauges gauges;

  @Test
  void serversByReadinessAndOsFamily() {
    FleetFixture db = new FleetFixture(dataSource);
    String family = unique("fam");
    UUID ready1 = db.server(unique("r")).os("x", family, "X", "1").insert();
    UUID ready2 = db.server(unique("r")).os("x", family, "X", "1").insert();
    UUID atRisk = db.server(unique("a")).os("x", family, "X", "1").insert();
    db.server(unique("u")).os("x", family, "X", "1").insert(); // never evaluated
    coverage(db, ready1, "READY");
    coverage(db, ready2, "READY");
    coverage(db, atRisk, "AT_RISK");

    String metrics = scrape();
    assertThat(
            value(metrics, "blindspot_servers", "os_family=\"" + family + "\",readiness=\"READY\""))
        .isEqualTo(2.0);
    assertThat(
            value(
                metrics, "blindspot_servers", "os_family=\"" + family + "\",readiness=\"AT_RISK\""))
        .isEqualTo(1.0);
    assertThat(
            value(
                metrics,
                "blindspot_servers",
                "os_family=\"" + family + "\",readiness=\"UNEVALUATED\""))
        .isEqualTo(1.0);
    assertThat(metrics).doesNotContain("os_family=\"" + family + "\",readiness=\"NOT_RESTORABLE\"");

    // A removed server's row changes, an emptied row disappears.
    db.update("DELETE FROM servers WHERE server_id = ?", atRisk);
    metrics = scrape();
    assertThat(metrics).doesNotContain("os_family=\"" + family + "\",readiness=\"AT_RISK\"");
  }

  @Test
  void policyFailuresCountExpiredWaiversAsFailures() {
    FleetFixture db = new FleetFixture(dataSource);
    String policy = unique("metrics-policy");
    db.update(
        "INSERT INTO policies (name, severity, document) VALUES (?, 'critical', '{}'::jsonb)",
        policy);
    String quiet = unique("quiet-policy");
    db.update(
        "INSERT INTO policies (name, severity, document) VALUES (?, 'low', '{}'::jsonb)", quiet);
    String disabled = unique("disabled-policy");
    db.update(
        "INSERT INTO policies (name, severity, enabled, document) VALUES (?, 'high', false,"
            + " '{}'::jsonb)",
        disabled);
    Instant now = Instant.now();
    result(db, db.server(unique("p")).insert(), policy, "fail", null);
    result(db, db.server(unique("p")).insert(), policy, "fail", null);
    result(db, db.server(unique("p")).insert(), policy, "waived", now.minusSeconds(60)); // expired
    result(db, db.server(unique("p")).insert(), policy, "waived", now.plusSeconds(3600));
    result(db, db.server(unique("p")).insert(), policy, "pass", null);
    result(db, db.server(unique("p")).insert(), policy, "not-applicable", null);
    result(db, db.server(unique("p")).insert(), quiet, "pass", null);
    result(db, db.server(unique("p")).insert(), disabled, "fail", null);

    String metrics = scrape();
    assertThat(
            value(
                metrics,
                "blindspot_policy_failures",
                "policy=\"" + policy + "\",severity=\"critical\""))
        .isEqualTo(3.0);
    assertThat(
            value(
                metrics, "blindspot_policy_failures", "policy=\"" + quiet + "\",severity=\"low\""))
        .isEqualTo(0.0);
    assertThat(metrics).doesNotContain(disabled);
  }

  @Test
  void backupAgesPerServerAndJobAndJobsThatNeverSucceeded() {
    FleetFixture db = new FleetFixture(dataSource);
    String host = unique("bk");
    UUID server = db.server(host).insert();
    job(db, server, "nightly", Instant.now().minus(Duration.ofHours(30)));
    job(db, server, "hourly", Instant.now().minus(Duration.ofMinutes(10)));
    job(db, server, "broken", null);

    String metrics = scrape();
    assertThat(
            value(
                metrics,
                "blindspot_backup_newest_success_age_seconds",
                "backup_job=\"nightly\",server=\"" + host + "\""))
        .isCloseTo(30 * 3600, within(60.0));
    assertThat(
            value(
                metrics,
                "blindspot_backup_newest_success_age_seconds",
                "backup_job=\"hourly\",server=\"" + host + "\""))
        .isCloseTo(600, within(60.0));
    assertThat(
            value(
                metrics,
                "blindspot_backup_never_succeeded",
                "backup_job=\"broken\",server=\"" + host + "\""))
        .isEqualTo(1.0);
    assertThat(metrics)
        .doesNotContain(
            "blindspot_backup_newest_success_age_seconds{backup_job=\"broken\",server=\""
                + host
                + "\"}")
        .doesNotContain("blindspot_backup_never_succeeded{backup_job=\"nightly\"");

    // The job succeeds at last: it moves from one gauge to the other; a removed job disappears.
    db.update(
        "UPDATE backup_jobs SET last_success_at = now() WHERE server_id = ? AND name = 'broken'",
        server);
    db.update("DELETE FROM backup_jobs WHERE server_id = ? AND name = 'hourly'", server);
    metrics = scrape();
    assertThat(metrics)
        .doesNotContain(
            "blindspot_backup_never_succeeded{backup_job=\"broken\",server=\"" + host + "\"}")
        .doesNotContain("{backup_job=\"hourly\",server=\"" + host + "\"}");
    assertThat(
            value(
                metrics,
                "blindspot_backup_newest_success_age_seconds",
                "backup_job=\"broken\",server=\"" + host + "\""))
        .isLessThan(60);
  }

  @Test
  void serversNotSeenWithinTheThresholdAndEachServersSilence() {
    FleetFixture db = new FleetFixture(dataSource);
    String fresh = unique("seen");
    String silent = unique("silent");
    db.server(fresh).lastSeenAt(Instant.now().minusSeconds(120)).insert();
    db.server(silent).lastSeenAt(Instant.now().minus(Duration.ofHours(48))).insert();
    db.server(unique("never")).insert();

    String metrics = scrape();
    assertThat(value(metrics, "blindspot_server_last_seen_age_seconds", "server=\"" + fresh + "\""))
        .isCloseTo(120, within(60.0));
    assertThat(
            value(metrics, "blindspot_server_last_seen_age_seconds", "server=\"" + silent + "\""))
        .isCloseTo(48 * 3600, within(60.0));
    long expected =
        db.count(
            "SELECT count(*) FROM servers WHERE last_seen_at IS NULL"
                + " OR last_seen_at < now() - interval '24 hours'");
    assertThat(value(metrics, "blindspot_servers_not_seen", "threshold=\"24h\""))
        .isEqualTo((double) expected)
        .isGreaterThanOrEqualTo(2);
    assertThat(value(metrics, "blindspot_metrics_snapshot_age_seconds", null)).isLessThan(30);
  }

  @Test
  void assetsByKindAndStatus() {
    FleetFixture db = new FleetFixture(dataSource);
    long before =
        db.count(
            "SELECT count(*) FROM asset_coverage WHERE kind = 'package-db'"
                + " AND status = 'uncovered'");
    UUID server = db.server(unique("as")).insert();
    db.update(
        """
        INSERT INTO asset_coverage (server_id, path, kind, severity, status, detail)
        VALUES (?, '/var/lib/dpkg', 'package-db', 'critical', 'uncovered', '{}'::jsonb),
               (?, '/etc', 'config', 'high', 'covered', '{}'::jsonb)
        """,
        server,
        server);
    String metrics = scrape();
    assertThat(value(metrics, "blindspot_assets", "kind=\"package-db\",status=\"uncovered\""))
        .isEqualTo(before + 1.0);
  }

  @Test
  void thresholdLabelsReadLikePrometheusDurations() {
    assertThat(FleetGauges.threshold(Duration.ofHours(24))).isEqualTo("24h");
    assertThat(FleetGauges.threshold(Duration.ofMinutes(90))).isEqualTo("1h30m");
    assertThat(FleetGauges.threshold(Duration.ofDays(2))).isEqualTo("48h");
    assertThat(FleetGauges.threshold(Duration.ofSeconds(45))).isEqualTo("45s");
  }

  private String scrape() {
    gauges.refresh();
    return given().get("/q/metrics").then().statusCode(200).extract().asString();
  }

  /** The sample of {@code name} with exactly these labels; fails when absent. */
  static double value(String metrics, String name, String labels) {
    String series = labels == null ? name : name + "{" + labels + "}";
    Matcher matcher =
        Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
    assertThat(matcher.find()).as("series %s in /q/metrics", series).isTrue();
    return Double.parseDouble(matcher.group(1));
  }

  private static void coverage(FleetFixture db, UUID server, String readiness) {
    db.update(
        "INSERT INTO server_coverage (server_id, report_id, evaluated_at, readiness, score)"
            + " VALUES (?, 1, now(), ?, 50)",
        server,
        readiness);
  }

  private static void result(
      FleetFixture db, UUID server, String policy, String status, Instant waivedUntil) {
    db.update(
        """
        INSERT INTO policy_results (server_id, policy_name, status, severity, waived_until,
                                    evaluated_at)
        VALUES (?, ?, ?, 'critical', ?, now())
        """,
        server,
        policy,
        status,
        waivedUntil == null ? null : waivedUntil.atOffset(ZoneOffset.UTC));
  }

  private static void job(FleetFixture db, UUID server, String name, Instant lastSuccess) {
    OffsetDateTime at = lastSuccess == null ? null : lastSuccess.atOffset(ZoneOffset.UTC);
    db.update(
        """
        INSERT INTO backup_jobs (server_id, name, tool, descriptor, last_success_at)
        VALUES (?, ?, 'restic', '{}'::jsonb, ?)
        """,
        server,
        name,
        at);
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
