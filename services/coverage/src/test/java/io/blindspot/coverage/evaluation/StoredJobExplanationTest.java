package io.blindspot.coverage.evaluation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** "Would my excludes miss /var/db/pkg?", asked of a job an agent uploaded. */
@QuarkusTest
class StoredJobExplanationTest {

  static final String ADMIN = "Bearer test-admin-token";

  @Inject DataSource dataSource;

  private String hostname;

  @BeforeEach
  void storeAServerWithADirvishJob() throws Exception {
    UUID server = UUID.randomUUID();
    hostname = "explain-" + server.toString().substring(0, 8);
    try (Connection c = dataSource.getConnection()) {
      exec(
          c,
          "INSERT INTO servers (server_id, hostname, machine_id, agent_token_hash) VALUES (?, ?, ?, '\\x00')",
          server,
          hostname,
          server.toString());
      exec(
          c,
          "INSERT INTO inventory_snapshots (server_id, upload_id, inventory) VALUES (?, 1, ?::jsonb)",
          server,
          "{\"mounts\": [{\"device\": \"/dev/hdc3\", \"mountPoint\": \"/\", \"fsType\": \"ext4\"},"
              + " {\"device\": \"/dev/hdc4\", \"mountPoint\": \"/var\", \"fsType\": \"ext4\"}]}");
      exec(
          c,
          "INSERT INTO server_reports (server_id, kind, snapshot_id, sha256)"
              + " SELECT server_id, 'inventory', snapshot_id, '\\x00'::bytea FROM inventory_snapshots WHERE server_id = ?",
          server);
      exec(
          c,
          "INSERT INTO backup_jobs (server_id, name, tool, descriptor) VALUES (?, 'web1', 'dirvish', ?::jsonb)",
          server,
          "{\"name\": \"web1\", \"tool\": \"dirvish\", \"command\": [\"dirvish\", \"--vault\", \"web1\"],"
              + " \"files\": {\"/etc/dirvish/master.conf\": \"bank:\\n\\t/backup\\nexclude:\\n\\t/proc\\n\\t/var/db\\n\","
              + " \"/backup/web1/dirvish/default.conf\": \"client: localhost\\ntree: /\\nxdev: 1\\n\"}}");
    }
  }

  @Test
  void explainsAPathWithTheServersOwnMounts() {
    given()
        .header("Authorization", ADMIN)
        .queryParam("path", "/var/db/pkg/")
        .get("/api/v1/coverage/servers/{h}/jobs/web1/explain", hostname)
        .then()
        .statusCode(200)
        .body("verdict.included", equalTo(false))
        .body("verdict.reason", equalTo("other-filesystem"))
        .body("verdict.ancestor", equalTo("/var/"));
    given()
        .header("Authorization", ADMIN)
        .queryParam("path", "/etc/passwd")
        .get("/api/v1/coverage/servers/{h}/jobs/web1/explain", hostname)
        .then()
        .statusCode(200)
        .body("verdict.reason", equalTo("included"))
        .body("steps.rule.text", hasItem("/var/db"));
  }

  @Test
  void anUnknownJobOrServerIsA404AndARelativePathA400() {
    given()
        .header("Authorization", ADMIN)
        .queryParam("path", "/etc/")
        .get("/api/v1/coverage/servers/{h}/jobs/nightly/explain", hostname)
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", containsString("nightly"));
    given()
        .header("Authorization", ADMIN)
        .queryParam("path", "etc")
        .get("/api/v1/coverage/servers/{h}/jobs/web1/explain", hostname)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("path"));
  }

  private static void exec(Connection c, String sql, Object... args) throws Exception {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      s.executeUpdate();
    }
  }
}
