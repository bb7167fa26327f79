package io.blindspot.fleet;

import static io.blindspot.fleet.Operator.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.core.packages.PackageManager;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Every list endpoint of the fleet API also answers text/csv: all rows, filters applied. */
@QuarkusTest
class CsvExportTest {

  @Inject DataSource dataSource;
  @Inject ObjectMapper json;

  private static List<List<String>> csv(String path, Map<String, ?> query) {
    String body =
        operator()
            .header("Accept", "text/csv")
            .queryParams(query)
            .get(path)
            .then()
            .statusCode(200)
            .contentType(startsWith("text/csv"))
            .extract()
            .asString();
    return Csv.parse(body);
  }

  @Test
  void serversExportEveryMatchingServerAcrossBatches() {
    FleetFixture db = new FleetFixture(dataSource);
    db.update(
        """
        INSERT INTO servers (server_id, hostname, machine_id, labels, agent_token_hash, os_family)
        SELECT gen_random_uuid(), 'csv-' || lpad(i::text, 4, '0'), 'csv-machine-' || i,
               '{"batch": "csv", "note": "a, \\"quoted\\" value"}'::jsonb, sha256(i::text::bytea),
               'debian'
          FROM generate_series(1, 1203) AS i
        """);
    for (String sort : List.of("hostname", "score")) {
      List<List<String>> rows = csv("/api/v1/servers", Map.of("label", "batch:csv", "sort", sort));
      assertThat(rows.get(0)).startsWith("serverId", "hostname", "os");
      assertThat(rows).hasSize(1204);
      assertThat(rows.stream().skip(1).map(r -> r.get(1)).toList())
          .doesNotHaveDuplicates()
          .isSorted();
      Map<String, String> labels = readMap(rows.get(1).get(5));
      assertThat(labels).containsEntry("note", "a, \"quoted\" value");
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, String> readMap(String text) {
    try {
      return json.readValue(text, Map.class);
    } catch (Exception e) {
      throw new AssertionError(text, e);
    }
  }

  @Test
  void packagesHistoriesTokensKnowledgeAndBackupsExportToo() throws Exception {
    FleetFixture db = new FleetFixture(dataSource);
    CoverageFixture coverage = new CoverageFixture(db, json);
    UUID id = coverage.gentooServer("csv-gentoo", Instant.now().minus(Duration.ofHours(1)));
    var first = FleetFixture.set(PackageManager.DPKG, FleetFixture.pkg("csvpkg", "1.0"));
    db.packages(id, first, null, Instant.now().minus(Duration.ofDays(2)));
    db.packages(
        id,
        FleetFixture.set(PackageManager.DPKG, FleetFixture.pkg("csvpkg", "1.1")),
        first,
        Instant.now());
    var document =
        CoverageFixture.evaluate(
            "csv-gentoo",
            CoverageFixture.GENTOO_INVENTORY.formatted("csv-gentoo"),
            CoverageFixture.gentooPackages(),
            List.of(CoverageFixture.DIRVISH_JOB),
            Instant.now(),
            Instant.now());
    coverage.report(id, document, Instant.now().minus(Duration.ofDays(1)));
    coverage.coverage(id, document, Instant.now(), Instant.now());

    List<List<String>> installations = csv("/api/v1/packages", Map.of("name", "csvpkg"));
    assertThat(installations.get(0)).contains("hostname", "version");
    assertThat(installations).hasSize(2);
    assertThat(installations.get(1)).contains("csv-gentoo", "1.1");

    List<List<String>> history = csv("/api/v1/servers/csv-gentoo/packages/history", Map.of());
    assertThat(history).hasSize(4); // header, the two dpkg snapshots and the Gentoo one
    assertThat(history.get(0)).contains("snapshotId", "diff");

    List<List<String>> reports = csv("/api/v1/servers/csv-gentoo/coverage/history", Map.of());
    assertThat(reports).hasSize(3);
    assertThat(reports.get(0)).contains("reportId", "readiness", "counts");

    List<List<String>> jobs = csv("/api/v1/servers/csv-gentoo/backups", Map.of());
    assertThat(jobs).hasSize(2);
    assertThat(jobs.get(1).get(0)).isEqualTo("web1");
    assertThat(jobs.get(1).get(3)).contains("/etc/dirvish/master.conf"); // files, as JSON

    operator()
        .contentType("application/json")
        .body("{\"description\": \"csv, \\\"export\\\"\"}")
        .post("/api/v1/enrollment-tokens")
        .then()
        .statusCode(201);
    List<List<String>> tokens = csv("/api/v1/enrollment-tokens", Map.of());
    assertThat(tokens.get(0)).contains("id", "description");
    assertThat(tokens.stream().map(r -> r.get(1))).contains("csv, \"export\"");

    operator()
        .contentType("application/json")
        .body("{\"name\": \"csv-grafana\", \"role\": \"viewer\"}")
        .post("/api/v1/tokens")
        .then()
        .statusCode(201);
    List<List<String>> operatorTokens = csv("/api/v1/tokens", Map.of());
    assertThat(operatorTokens.get(0)).contains("name", "role");
    assertThat(operatorTokens.stream().map(r -> String.join(",", r)))
        .anyMatch(r -> r.contains("csv-grafana"));
    assertThat(operatorTokens.stream().map(r -> String.join(",", r)))
        .noneMatch(r -> r.contains("bso_"));

    List<List<String>> knowledge = csv("/api/v1/knowledge/services", Map.of());
    assertThat(knowledge.get(0)).startsWith("id", "name");
    assertThat(knowledge.stream().map(r -> r.get(0))).contains("mysql", "postgresql");

    // A CSV request for an unknown server is still a problem, not an empty file.
    operator()
        .header("Accept", "text/csv")
        .get("/api/v1/servers/no-such-host/packages/history")
        .then()
        .statusCode(404);
  }
}
