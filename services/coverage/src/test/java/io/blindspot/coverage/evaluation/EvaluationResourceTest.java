package io.blindspot.coverage.evaluation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EvaluationResourceTest {

  static final String ADMIN = "Bearer test-admin-token";

  static final String REQUEST =
      """
      {"job": {"name": "nightly", "tool": "rsync",
               "command": ["rsync", "-aHx", "--exclude-from=/etc/backup/excludes", "/", "vault:/srv/web1/"],
               "files": {"/etc/backup/excludes": "/proc\\n/sys\\n/var/db\\n"}},
       "paths": ["/etc/", "/etc/passwd", "/var/db/pkg/", "/var/db/", "/home/alice/.bashrc", "/var/lib/mysql/", "/var/lib/mysql/ibdata1"],
       "filesystems": [{"mountPoint": "/", "device": "/dev/sda3"}, {"mountPoint": "/var/lib/mysql", "device": "/dev/sda5"}]}""";

  @Test
  void answersEveryPathInInputOrderWithTheRuleThatDecided() {
    given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body(REQUEST)
        .post("/api/v1/coverage/evaluate")
        .then()
        .statusCode(200)
        .body("results.path[0]", equalTo("/etc/"))
        .body("results[1].included", equalTo(true))
        .body("results[1].reason", equalTo("included"))
        .body("results[2].path", equalTo("/var/db/pkg/"))
        .body("results[2].included", equalTo(false))
        .body("results[2].reason", equalTo("parent-excluded"))
        .body("results[2].ancestor", equalTo("/var/db/"))
        .body("results[2].rule.file", equalTo("/etc/backup/excludes"))
        .body("results[2].rule.line", equalTo(3))
        .body("results[2].rule.text", equalTo("/var/db"))
        .body("results[3].reason", equalTo("excluded-by-rule"))
        // rsync -x keeps the mount point itself, empty, and nothing below it
        .body("results[5].reason", equalTo("included"))
        .body("results[6].reason", equalTo("other-filesystem"))
        .body("results[6].ancestor", equalTo("/var/lib/mysql/"))
        .body("summary.included", equalTo(4))
        .body("summary.excluded", equalTo(3));
  }

  @Test
  void explainsOnePathRuleByRule() {
    String body = REQUEST.replaceFirst("\"paths\": \\[[^\\]]*\\]", "\"path\": \"/var/db/pkg/\"");
    given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/coverage/explain")
        .then()
        .statusCode(200)
        .body("verdict.reason", equalTo("parent-excluded"))
        .body("steps.rule.text", hasItem("/var/db"))
        .body("steps.findAll { it.decided }.rule.line", hasItem(3));
  }

  @Test
  void anUnknownOptionIsA422NamingIt() {
    given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body(REQUEST.replace("-aHx", "--frobnicate"))
        .post("/api/v1/coverage/evaluate")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("detail", containsString("--frobnicate"));
  }

  @Test
  void badRequestsAreProblemsNamingTheField() {
    given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body(REQUEST.replace("\"/etc/passwd\"", "\"etc/passwd\""))
        .post("/api/v1/coverage/evaluate")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("paths[1]"));
    given()
        .header("Authorization", ADMIN)
        .contentType(ContentType.JSON)
        .body("{\"job\": ")
        .post("/api/v1/coverage/evaluate")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", startsWith("malformed JSON"));
  }

  @Test
  void anOperatorTokenIsRequired() {
    given()
        .contentType(ContentType.JSON)
        .body(REQUEST)
        .post("/api/v1/coverage/evaluate")
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    given()
        .header("Authorization", "Bearer bsa_00000000000000000000000000000000_x")
        .contentType(ContentType.JSON)
        .body(REQUEST)
        .post("/api/v1/coverage/evaluate")
        .then()
        .statusCode(401);
  }
}
