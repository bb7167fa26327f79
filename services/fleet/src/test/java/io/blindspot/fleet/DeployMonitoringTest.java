package io.blindspot.fleet;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.blindspot.fleet.metrics.api.FleetGauges;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus rules and the Grafana dashboard under deploy/ only name metrics and labels that
 * this service exposes, and promtool accepts the rules, their unit tests and the example config.
 */
@QuarkusTest
class DeployMonitoringTest {

  private static final Path DEPLOY = Path.of("../../deploy").toAbsolutePath().normalize();
  private static final Path RULES = DEPLOY.resolve("prometheus/blindspot-alerts.yml");
  private static final Path DASHBOARD = DEPLOY.resolve("grafana/blindspot-fleet.json");
  private static final Pattern METRIC = Pattern.compile("\\b(blindspot_[a-z_]+)\\b(\\{[^}]*})?");
  private static final Pattern MATCHER = Pattern.compile("([a-z_]+)\\s*(=~|!~|!=|=)");
  // Labels Prometheus adds to every scraped series.
  private static final Set<String> TARGET_LABELS = Set.of("job", "instance", "pod");

  @Inject DataSource dataSource;
  @Inject FleetGauges gauges;

  private Map<String, Set<String>> exposed;

  @BeforeEach
  void everyGaugeHasARow() {
    // Multi-row gauges only appear on /q/metrics once they have a row: give each one.
    FleetFixture db = new FleetFixture(dataSource);
    String host = "deploy-" + UUID.randomUUID().toString().substring(0, 8);
    UUID server = db.server(host).lastSeenAt(Instant.now()).insert();
    db.update(
        "INSERT INTO server_coverage (server_id, report_id, evaluated_at, readiness, score)"
            + " VALUES (?, 1, now(), 'READY', 100)",
        server);
    db.update(
        "INSERT INTO asset_coverage (server_id, path, kind, severity, status, detail)"
            + " VALUES (?, '/var/lib/dpkg', 'package-db', 'critical', 'covered', '{}'::jsonb)",
        server);
    db.update(
        "INSERT INTO policies (name, severity, document) VALUES (?, 'critical', '{}'::jsonb)",
        host);
    db.update(
        "INSERT INTO backup_jobs (server_id, name, tool, descriptor, last_success_at) VALUES"
            + " (?, 'ok', 'restic', '{}'::jsonb, now()), (?, 'new', 'restic', '{}'::jsonb, NULL)",
        server,
        server);
    gauges.refresh();
    exposed = exposedLabels(given().get("/q/metrics").then().statusCode(200).extract().asString());
  }

  @Test
  void alertRulesNameOnlyExposedMetricsAndLabels() throws IOException {
    JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(RULES.toFile());
    List<String> expressions = new ArrayList<>();
    Set<String> alerts = new TreeSet<>();
    for (JsonNode group : rules.path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        expressions.add(rule.path("expr").asText());
        alerts.add(rule.path("alert").asText());
        assertThat(rule.path("labels").path("severity").asText())
            .as("severity of %s", rule.path("alert").asText())
            .isIn("critical", "warning", "info");
      }
    }
    assertThat(alerts)
        .contains(
            "BlindspotPackageDatabaseNotCovered",
            "BlindspotCriticalPolicyFailing",
            "BlindspotBackupStale",
            "BlindspotServerNotSeen",
            "BlindspotServersNotRestorable");
    assertReferencesExist("alert rules", expressions);
  }

  @Test
  void dashboardNamesOnlyExposedMetricsAndLabels() throws IOException {
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    assertThat(dashboard.path("uid").asText()).isEqualTo("blindspot-fleet");
    List<String> expressions = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      assertThat(panel.path("targets").size()).as(panel.path("title").asText()).isPositive();
      for (JsonNode target : panel.path("targets")) {
        expressions.add(target.path("expr").asText());
      }
    }
    assertThat(expressions).hasSizeGreaterThanOrEqualTo(8);
    dashboard.findValues("definition").forEach(value -> expressions.add(value.asText()));
    assertReferencesExist("the dashboard", expressions);
  }

  @Test
  void promtoolAcceptsTheRulesTheirTestsAndTheExampleConfig() throws Exception {
    Path prometheus = DEPLOY.resolve("prometheus");
    assertThat(promtool(prometheus, "check", "rules", "blindspot-alerts.yml")).contains("SUCCESS");
    assertThat(promtool(prometheus, "test", "rules", "blindspot-alerts.test.yml"))
        .contains("SUCCESS");
    assertThat(promtool(prometheus, "check", "config", "prometheus.yml")).contains("SUCCESS");
  }

  private void assertReferencesExist(String where, List<String> expressions) {
    Set<String> referenced = new TreeSet<>();
    for (String expression : expressions) {
      Matcher metric = METRIC.matcher(expression);
      while (metric.find()) {
        String name = metric.group(1);
        referenced.add(name);
        assertThat(exposed).as("%s: %s in %s", where, name, expression).containsKey(name);
        if (metric.group(2) != null) {
          Matcher label = MATCHER.matcher(metric.group(2));
          while (label.find()) {
            assertThat(exposed.get(name))
                .as("%s: label %s of %s in %s", where, label.group(1), name, expression)
                .contains(label.group(1));
          }
        }
      }
    }
    assertThat(referenced).as(where).hasSizeGreaterThanOrEqualTo(6);
  }

  /** Metric name → label names (and the labels every scrape adds), from the exposition text. */
  private static Map<String, Set<String>> exposedLabels(String metrics) {
    Map<String, Set<String>> labels = new HashMap<>();
    Pattern sample = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})? ");
    Matcher matcher = sample.matcher(metrics);
    while (matcher.find()) {
      Set<String> names = labels.computeIfAbsent(matcher.group(1), k -> new HashSet<>());
      names.addAll(TARGET_LABELS);
      if (matcher.group(3) != null) {
        Matcher label = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"").matcher(matcher.group(3));
        while (label.find()) {
          names.add(label.group(1));
        }
      }
    }
    return labels;
  }

  private static String promtool(Path directory, String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("promtool"));
    command.addAll(List.of(arguments));
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      throw new AssertionError(
          "promtool is needed (Debian package prometheus; .ci/run installs it)", e);
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    return output;
  }
}
