package io.blindspot.fleet;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Writes what the policy evaluation would (policies, results, findings, daily history) and the
 * coverage service's asset rows, straight into the test database.
 */
final class ComplianceFixture {

  private final FleetFixture db;

  ComplianceFixture(FleetFixture db) {
    this.db = db;
  }

  void policy(String name, String severity) {
    db.update(
        "INSERT INTO policies (name, severity, document) VALUES (?, ?, '{}'::jsonb)"
            + " ON CONFLICT (name) DO NOTHING",
        name,
        severity);
  }

  void result(UUID server, String policy, String status, Instant waivedUntil) {
    db.update(
        """
        INSERT INTO policy_results (server_id, policy_name, status, severity, waiver_id,
                                    waived_until, evaluated_at)
        SELECT ?, name, ?, severity, ?, ?, now() FROM policies WHERE name = ?
        """,
        server,
        status,
        waivedUntil == null ? null : 7L,
        timestamp(waivedUntil),
        policy);
  }

  /** A finding; severity is the policy's. */
  void finding(
      UUID server,
      String policy,
      String requirement,
      String path,
      String status,
      Instant waivedUntil,
      String assetKind,
      String message,
      Instant firstSeen) {
    db.update(
        """
        INSERT INTO findings (server_id, policy_name, requirement, path, severity, severity_rank,
                              status, waiver_id, waived_until, asset_kind, asset_status, job,
                              message, evidence, first_seen)
        SELECT ?, name, ?, ?, severity,
               CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END,
               ?, ?, ?, ?, 'uncovered', 'nightly', ?,
               '{"rule": {"file": "/etc/backup/excludes", "line": 3, "text": "/var/db"}}'::jsonb, ?
          FROM policies WHERE name = ?
        """,
        server,
        requirement,
        path,
        status,
        waivedUntil == null ? null : 9L,
        timestamp(waivedUntil),
        assetKind,
        message,
        timestamp(firstSeen),
        policy);
  }

  void readiness(UUID server, String readiness) {
    db.update(
        """
        INSERT INTO server_coverage (server_id, report_id, evaluated_at, readiness, score)
        VALUES (?, 0, now(), ?, 50)
        ON CONFLICT (server_id) DO UPDATE SET readiness = excluded.readiness
        """,
        server,
        readiness);
  }

  void asset(UUID server, String path, String kind, String status, String detailJson) {
    db.update(
        "INSERT INTO asset_coverage (server_id, path, kind, severity, status, detail)"
            + " VALUES (?, ?, ?, 'critical', ?, ?::jsonb)",
        server,
        path,
        kind,
        status,
        detailJson);
  }

  void job(UUID server, String name, Instant lastSuccess, String lastStatus) {
    db.update(
        """
        INSERT INTO backup_jobs (server_id, name, tool, descriptor, schedule, last_status,
                                 last_success_at)
        VALUES (?, ?, 'rsync', '{}'::jsonb, '0 3 * * *', ?, ?)
        """,
        server,
        name,
        lastStatus,
        timestamp(lastSuccess));
  }

  void daily(UUID server, String policy, LocalDate day, String status) {
    db.update(
        "INSERT INTO compliance_daily (server_id, policy_name, day, status) VALUES (?, ?, ?, ?)",
        server,
        policy,
        day,
        status);
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
