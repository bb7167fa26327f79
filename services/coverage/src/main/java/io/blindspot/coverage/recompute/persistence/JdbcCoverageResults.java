package io.blindspot.coverage.recompute.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.core.coverage.CoverageDocument;
import io.blindspot.coverage.recompute.application.CoverageResults;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Writes coverage: the current summary and per-asset rows are replaced on every evaluation; the
 * history gets a row only when the outcome changed (the digest ignores the evaluation time).
 */
@ApplicationScoped
class JdbcCoverageResults implements CoverageResults {

  private final DataSource dataSource;
  private final ObjectMapper json;

  JdbcCoverageResults(DataSource dataSource, ObjectMapper json) {
    this.dataSource = dataSource;
    this.json = json;
  }

  @Override
  public boolean store(UUID serverId, CoverageDocument document) {
    try (Connection c = dataSource.getConnection()) {
      String report = json.writeValueAsString(document);
      byte[] digest = digest(json.writeValueAsString(withoutTime(document)));
      Long reportId = latestReportWithDigest(c, serverId, digest);
      boolean changed = reportId == null;
      if (changed) {
        reportId = insertReport(c, serverId, document, digest, report);
        replaceAssets(c, serverId, document);
      }
      upsertSummary(c, serverId, reportId, document);
      enqueuePolicies(c, serverId);
      return changed;
    } catch (SQLException | JsonProcessingException e) {
      throw new IllegalStateException("cannot store the coverage of " + serverId, e);
    }
  }

  private static CoverageDocument withoutTime(CoverageDocument d) {
    return new CoverageDocument(
        d.server(),
        d.readiness(),
        d.score(),
        null,
        d.reasons(),
        d.assets(),
        d.drift() == null
            ? null
            : new io.blindspot.core.coverage.Drift(
                d.drift().job(),
                d.drift().backupAt(),
                d.drift().packagesBehind(),
                d.drift().diff(),
                null),
        d.driftNote(),
        d.worldCheck(),
        d.jobErrors());
  }

  private static Long latestReportWithDigest(Connection c, UUID serverId, byte[] digest)
      throws SQLException {
    String sql =
        "SELECT report_id, digest FROM coverage_reports WHERE server_id = ?"
            + " ORDER BY report_id DESC LIMIT 1";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, serverId);
      try (ResultSet r = s.executeQuery()) {
        if (r.next() && MessageDigest.isEqual(r.getBytes(2), digest)) {
          return r.getLong(1);
        }
        return null;
      }
    }
  }

  private static long insertReport(
      Connection c, UUID serverId, CoverageDocument d, byte[] digest, String report)
      throws SQLException {
    String sql =
        "INSERT INTO coverage_reports (server_id, evaluated_at, readiness, score, digest, report)"
            + " VALUES (?, ?, ?, ?, ?, ?::jsonb) RETURNING report_id";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, serverId);
      s.setTimestamp(2, Timestamp.from(d.evaluatedAt()));
      s.setString(3, d.readiness());
      s.setInt(4, d.score());
      s.setBytes(5, digest);
      s.setString(6, report);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  private void replaceAssets(Connection c, UUID serverId, CoverageDocument d)
      throws SQLException, JsonProcessingException {
    try (PreparedStatement delete =
        c.prepareStatement("DELETE FROM asset_coverage WHERE server_id = ?")) {
      delete.setObject(1, serverId);
      delete.executeUpdate();
    }
    String sql =
        "INSERT INTO asset_coverage (server_id, path, kind, severity, status, detail)"
            + " VALUES (?, ?, ?, ?, ?, ?::jsonb)";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (CoverageDocument.AssetEntry asset : d.assets()) {
        s.setObject(1, serverId);
        s.setString(2, asset.path());
        s.setString(3, asset.kind());
        s.setString(4, asset.severity());
        s.setString(5, asset.status());
        s.setString(
            6,
            json.writeValueAsString(
                Map.of(
                    "provenance", String.valueOf(asset.provenance()),
                    "jobs", asset.jobs(),
                    "gaps", asset.gaps(),
                    "remediation", asset.remediation())));
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private static void upsertSummary(Connection c, UUID serverId, long reportId, CoverageDocument d)
      throws SQLException {
    String sql =
        "INSERT INTO server_coverage (server_id, report_id, evaluated_at, readiness, score)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (server_id) DO UPDATE SET"
            + " report_id = excluded.report_id, evaluated_at = excluded.evaluated_at,"
            + " readiness = excluded.readiness, score = excluded.score";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, serverId);
      s.setLong(2, reportId);
      s.setTimestamp(3, Timestamp.from(d.evaluatedAt()));
      s.setString(4, d.readiness());
      s.setInt(5, d.score());
      s.executeUpdate();
    }
  }

  /**
   * Queues the server for policy evaluation (by the fleet service) in this same transaction, so its
   * policy results follow every evaluation, changed or not: a fresh-backup requirement depends on
   * time even when the coverage outcome does not.
   */
  private static void enqueuePolicies(Connection c, UUID serverId) throws SQLException {
    String sql =
        "INSERT INTO policy_queue (server_id, reason) VALUES (?, 'coverage evaluated')"
            + " ON CONFLICT (server_id) DO UPDATE SET enqueued_at = clock_timestamp(),"
            + " reason = excluded.reason";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, serverId);
      s.executeUpdate();
    }
  }

  private static byte[] digest(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
