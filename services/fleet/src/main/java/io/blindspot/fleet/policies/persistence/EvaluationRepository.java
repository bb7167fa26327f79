package io.blindspot.fleet.policies.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.backup.Filesystem;
import io.blindspot.core.backup.TreeFacts;
import io.blindspot.core.coverage.CoverageDocument;
import io.blindspot.core.policy.Finding;
import io.blindspot.core.policy.JobPathProbe;
import io.blindspot.core.policy.PathProbe;
import io.blindspot.core.policy.PolicyResult;
import io.blindspot.core.policy.ServerFacts;
import io.blindspot.core.world.InventoryJson;
import io.blindspot.fleet.policies.application.EvaluationStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Reads a server's facts (labels, OS, packages, current coverage report, jobs) and writes its
 * policy results, findings and today's compliance.
 */
@ApplicationScoped
public class EvaluationRepository implements EvaluationStore {

  private final Jdbc jdbc;
  private final ObjectMapper json;

  public EvaluationRepository(DataSource dataSource, ObjectMapper json) {
    this.jdbc = new Jdbc(dataSource);
    this.json = json;
  }

  private record ServerRow(
      String hostname, String labels, String osFamily, String report, String inventory) {}

  private record JobRow(String name, String tool, String descriptor, Instant lastSuccess) {}

  @Override
  public Optional<ServerFacts> facts(UUID serverId, Instant now) {
    List<ServerRow> rows =
        jdbc.query(
            """
            SELECT s.hostname, (s.agent_labels || s.labels)::text AS labels, s.os_family,
                   r.report::text AS report, i.inventory::text AS inventory
              FROM servers s
              LEFT JOIN server_coverage c ON c.server_id = s.server_id
              LEFT JOIN coverage_reports r
                     ON r.server_id = c.server_id AND r.report_id = c.report_id
              LEFT JOIN server_reports sr ON sr.server_id = s.server_id AND sr.kind = 'inventory'
              LEFT JOIN inventory_snapshots i
                     ON i.server_id = sr.server_id AND i.snapshot_id = sr.snapshot_id
             WHERE s.server_id = ?
            """,
            r ->
                new ServerRow(
                    r.getString("hostname"),
                    r.getString("labels"),
                    r.getString("os_family"),
                    r.getString("report"),
                    r.getString("inventory")),
            serverId);
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    ServerRow server = rows.get(0);
    Set<String> packages =
        Set.copyOf(
            jdbc.query(
                "SELECT DISTINCT name FROM installed_packages WHERE server_id = ?",
                r -> r.getString(1),
                serverId));
    List<JobRow> jobs =
        jdbc.query(
            "SELECT name, tool, descriptor::text AS descriptor, last_success_at FROM backup_jobs"
                + " WHERE server_id = ? ORDER BY name COLLATE \"C\"",
            r ->
                new JobRow(
                    r.getString("name"),
                    r.getString("tool"),
                    r.getString("descriptor"),
                    Jdbc.instant(r, "last_success_at")),
            serverId);
    return Optional.of(
        new ServerFacts(
            serverId,
            server.hostname(),
            labels(server.labels()),
            server.osFamily(),
            packages,
            server.report() == null ? null : read(server.report(), CoverageDocument.class),
            jobs.stream()
                .map(j -> new ServerFacts.JobFacts(j.name(), j.tool(), j.lastSuccess()))
                .toList(),
            new LazyProbe(jobs, server.inventory()),
            now));
  }

  /**
   * Compiles the jobs only when a requirement asks about a path that is no asset: most servers
   * never need it, and compiling every job of 10,000 servers would dominate evaluation.
   */
  private final class LazyProbe implements PathProbe {
    private final List<JobRow> jobs;
    private final String inventory;
    private PathProbe probe;

    LazyProbe(List<JobRow> jobs, String inventory) {
      this.jobs = jobs;
      this.inventory = inventory;
    }

    @Override
    public List<ProbeVerdict> probe(String path) {
      if (probe == null) {
        List<BackupJob> descriptors = new ArrayList<>();
        for (JobRow job : jobs) {
          descriptors.add(read(job.descriptor(), BackupJob.class));
        }
        List<Filesystem> filesystems =
            inventory == null
                ? List.of()
                : InventoryJson.read(inventory).mounts().stream()
                    .filter(m -> m.mountPoint() != null)
                    .map(m -> new Filesystem(m.mountPoint(), m.device()))
                    .toList();
        probe = new JobPathProbe(descriptors, new TreeFacts(filesystems, null, null));
      }
      return probe.probe(path);
    }
  }

  @Override
  public void replaceResults(UUID serverId, List<PolicyResult> results, Instant now) {
    Map<String, Instant> firstSeen = new HashMap<>();
    jdbc.query(
        "SELECT policy_name, requirement, path, first_seen FROM findings WHERE server_id = ?",
        r -> {
          firstSeen.put(
              key(r.getString("policy_name"), r.getString("requirement"), r.getString("path")),
              Jdbc.instant(r, "first_seen"));
          return null;
        },
        serverId);
    jdbc.update("DELETE FROM findings WHERE server_id = ?", serverId);
    jdbc.update("DELETE FROM policy_results WHERE server_id = ?", serverId);

    List<Object[]> resultRows = new ArrayList<>();
    List<Object[]> findingRows = new ArrayList<>();
    List<Object[]> dailyRows = new ArrayList<>();
    for (PolicyResult result : results) {
      resultRows.add(
          new Object[] {
            serverId,
            result.policy(),
            result.status().id(),
            result.severity().id(),
            result.waiverId(),
            result.waivedUntil(),
            now,
            write(result.outcomes())
          });
      for (Finding f : result.findings()) {
        findingRows.add(
            new Object[] {
              serverId,
              result.policy(),
              f.requirement(),
              f.path(),
              result.severity().id(),
              (short) result.severity().ordinal(),
              f.status(),
              f.waiverId(),
              f.waivedUntil(),
              f.assetKind(),
              f.assetStatus(),
              f.job(),
              f.message(),
              write(f.evidence()),
              firstSeen.getOrDefault(key(result.policy(), f.requirement(), f.path()), now)
            });
      }
      dailyRows.add(new Object[] {serverId, result.policy(), result.status().id()});
    }
    jdbc.batch(
        """
        INSERT INTO policy_results (server_id, policy_name, status, severity, waiver_id,
                                    waived_until, evaluated_at, evidence)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)
        """,
        resultRows);
    jdbc.batch(
        """
        INSERT INTO findings (server_id, policy_name, requirement, path, severity, severity_rank,
                              status, waiver_id, waived_until, asset_kind, asset_status, job,
                              message, evidence, first_seen)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
        """,
        findingRows);
    jdbc.batch(
        """
        INSERT INTO compliance_daily (server_id, policy_name, day, status)
        VALUES (?, ?, (now() AT TIME ZONE 'UTC')::date, ?)
        ON CONFLICT (server_id, policy_name, day) DO UPDATE SET status = excluded.status
        """,
        dailyRows);
  }

  private Map<String, String> labels(String text) {
    try {
      return json.readValue(text, new TypeReference<Map<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("server labels are not an object of strings", e);
    }
  }

  private static String key(String policy, String requirement, String path) {
    return String.join("\u0000", policy, requirement, path);
  }

  private <T> T read(String text, Class<T> type) {
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON does not read as " + type.getSimpleName(), e);
    }
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
