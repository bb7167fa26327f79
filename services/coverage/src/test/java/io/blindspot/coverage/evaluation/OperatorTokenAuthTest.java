package io.blindspot.coverage.evaluation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.blindspot.core.tokens.TokenDigest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Operator tokens the fleet service issued work here too, whatever their role, until revoked. */
@QuarkusTest
class OperatorTokenAuthTest {

  @Inject DataSource dataSource;

  @Test
  void viewerAndAdminTokensMayAskRevokedAndUnknownOnesMayNot() throws Exception {
    String viewer = token("viewer", false);
    String admin = token("admin", false);
    String revoked = token("viewer", true);
    for (String secret : new String[] {viewer, admin}) {
      explain(secret).statusCode(200).body("verdict.reason", equalTo("parent-excluded"));
    }
    explain(revoked)
        .statusCode(401)
        .contentType("application/problem+json")
        .body("detail", containsString("was revoked"));
    explain(TokenDigest.newSecret("bso_"))
        .statusCode(401)
        .body("detail", equalTo("the bearer token is not a valid operator token"));
  }

  private io.restassured.response.ValidatableResponse explain(String token) {
    String body =
        EvaluationResourceTest.REQUEST.replaceFirst(
            "\"paths\": \\[[^\\]]*\\]", "\"path\": \"/var/db/pkg/\"");
    return given()
        .header("Authorization", "Bearer " + token)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/coverage/explain")
        .then();
  }

  /** Inserts a token row as the fleet service would; returns its secret. */
  private String token(String role, boolean revoked) throws Exception {
    String secret = TokenDigest.newSecret("bso_");
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO operator_tokens (token_id, name, role, token_hash, created_by,"
                    + " revoked_at) VALUES (?, ?, ?, ?, 'admin', "
                    + (revoked ? "now()" : "NULL")
                    + ")")) {
      UUID id = UUID.randomUUID();
      s.setObject(1, id);
      s.setString(2, role + "-" + id.toString().substring(0, 8));
      s.setString(3, role);
      s.setBytes(4, TokenDigest.sha256(secret));
      s.executeUpdate();
    }
    return secret;
  }
}
