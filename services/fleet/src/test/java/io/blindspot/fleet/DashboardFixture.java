package io.blindspot.fleet;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.core.coverage.CoverageDocument;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Signs in to the dashboard, and plants what the coverage service (asset_coverage) and the policy
 * evaluation (policies, policy_results, findings, waivers) would have written.
 */
final class DashboardFixture {

  static final String COOKIE = "blindspot_session";

  private final FleetFixture db;
  private final CoverageFixture coverage;

  DashboardFixture(FleetFixture db, ObjectMapper json) {
    this.db = db;
    this.coverage = new CoverageFixture(db, json);
  }

  /** The response of POST /dashboard/login, redirects not followed. */
  static Response login(String token, String next) {
    RequestSpecification request =
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded");
    if (token != null) {
      request.formParam("token", token);
    }
    if (next != null) {
      request.formParam("next", next);
    }
    return request.post("/dashboard/login");
  }

  /** A fresh session of the bootstrap admin: the cookie's value. */
  static String signIn() {
    Response response = login(Operator.ADMIN_TOKEN, null);
    if (response.statusCode() != 303) {
      throw new AssertionError("sign-in answered " + response.statusCode());
    }
    return response.getCookie(COOKIE);
  }

  /** Requests as a browser with this session, redirects not followed. */
  static RequestSpecification browser(String session) {
    return given().redirects().follow(false).cookie(COOKIE, session);
  }

  /**
   * The founding story's Gentoo server (package database uncovered behind /var on its own
   * filesystem), its dirvish job last successful {@code lastSuccessAgo} ago, its coverage current
   * and its assets in asset_coverage; returns the stored document.
   */
  Planted gentoo(String hostname, Duration lastSuccessAgo) {
    Instant now = Instant.now();
    Instant lastSuccess = now.minus(lastSuccessAgo);
    UUID id = coverage.gentooServer(hostname, lastSuccess);
    CoverageDocument document =
        CoverageFixture.evaluate(
            hostname,
            CoverageFixture.GENTOO_INVENTORY.formatted(hostname),
            CoverageFixture.gentooPackages(),
            List.of(CoverageFixture.DIRVISH_JOB),
            lastSuccess,
            now);
    coverage.coverage(id, document, now, now);
    assets(id, document);
    return new Planted(id, document);
  }

  record Planted(UUID id, CoverageDocument document) {

    CoverageDocument.AssetEntry asset(String path) {
      return document.assets().stream()
          .filter(a -> a.path().equals(path))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no asset " + path));
    }
  }

  /** What the coverage service writes beside the report: one row per asset. */
  void assets(UUID serverId, CoverageDocument document) {
    for (CoverageDocument.AssetEntry asset : document.assets()) {
      asset(serverId, asset.path(), asset.kind(), asset.severity(), asset.status());
    }
  }

  void asset(UUID serverId, String path, String kind, String severity, String status) {
    db.update(
        """
        INSERT INTO asset_coverage (server_id, path, kind, severity, status, detail)
        VALUES (?, ?, ?, ?, ?, '{}'::jsonb)
        ON CONFLICT (server_id, path) DO UPDATE SET status = excluded.status
        """,
        serverId,
        path,
        kind,
        severity,
        status);
  }

  void policy(String name, String severity, String description, String document) {
    db.update(
        """
        INSERT INTO policies (name, description, severity, document)
        VALUES (?, ?, ?, ?::jsonb) ON CONFLICT (name) DO NOTHING
        """,
        name,
        description,
        severity,
        document);
  }

  void result(UUID serverId, String policy, String status, String severity, Instant waivedUntil) {
    db.update(
        """
        INSERT INTO policy_results (server_id, policy_name, status, severity, waived_until,
                                    evaluated_at, evidence)
        VALUES (?, ?, ?, ?, ?, now(), '[]'::jsonb)
        """,
        serverId,
        policy,
        status,
        severity,
        timestamp(waivedUntil));
  }

  void finding(
      UUID serverId,
      String policy,
      String path,
      String severity,
      int rank,
      String status,
      Instant waivedUntil,
      String message) {
    db.update(
        """
        INSERT INTO findings (server_id, policy_name, requirement, path, severity, severity_rank,
                              status, waived_until, asset_kind, asset_status, job, message,
                              evidence, first_seen)
        VALUES (?, ?, 'r1', ?, ?, ?, ?, ?, 'package-db', 'uncovered', 'web1', ?,
                '{"rule": {"file": "/etc/dirvish/master.conf", "line": 5, "text": "/var/db"},
                  "remediation": [{"job": "web1", "summary": "remove the exclude of /var/db",
                                   "changes": [], "verified": true}]}'::jsonb,
                now() - interval '2 hours')
        """,
        serverId,
        policy,
        path,
        severity,
        (short) rank,
        status,
        timestamp(waivedUntil),
        message);
  }

  void waiver(String policy, UUID serverId, String reason, Instant expiresAt) {
    db.update(
        """
        INSERT INTO waivers (policy_name, server_id, reason, author, expires_at)
        VALUES (?, ?, ?, 'admin', ?)
        """,
        policy,
        serverId,
        reason,
        timestamp(expiresAt));
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
