package io.blindspot.fleet.policies.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blindspot.core.policy.Policy;
import io.blindspot.core.policy.PolicyFormatException;
import io.blindspot.core.policy.PolicyParser;
import io.blindspot.fleet.policies.application.PolicyStore;
import io.blindspot.fleet.policies.application.StoredPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/** Table policies: the flags in columns, the selector and requirements in {@code document}. */
@ApplicationScoped
public class PolicyRepository implements PolicyStore {

  private static final Logger LOG = Logger.getLogger(PolicyRepository.class);

  private static final String COLUMNS =
      "SELECT name, description, severity, enabled, baseline, document::text AS document,"
          + " revision, created_at, updated_at FROM policies";

  private final Jdbc jdbc;
  private final ObjectMapper json;

  public PolicyRepository(DataSource dataSource, ObjectMapper json) {
    this.jdbc = new Jdbc(dataSource);
    this.json = json;
  }

  @Override
  public List<StoredPolicy> all() {
    return jdbc.query(COLUMNS + " ORDER BY name COLLATE \"C\"", this::stored);
  }

  @Override
  public List<Policy> enabled() {
    return jdbc.query(COLUMNS + " WHERE enabled ORDER BY name COLLATE \"C\"", this::stored).stream()
        .map(StoredPolicy::policy)
        .toList();
  }

  @Override
  public Optional<StoredPolicy> find(String name) {
    return jdbc.query(COLUMNS + " WHERE name = ?", this::stored, name).stream().findFirst();
  }

  @Override
  public Optional<StoredPolicy> lock(String name) {
    return jdbc.query(COLUMNS + " WHERE name = ? FOR UPDATE", this::stored, name).stream()
        .findFirst();
  }

  @Override
  public boolean insert(Policy policy, boolean baseline) {
    return jdbc.update(
            """
            INSERT INTO policies (name, description, severity, enabled, baseline, document,
                                  created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?::jsonb, clock_timestamp(), clock_timestamp())
            ON CONFLICT (name) DO NOTHING
            """,
            policy.name(),
            policy.description(),
            policy.severity().id(),
            policy.enabled(),
            baseline,
            document(policy))
        > 0;
  }

  @Override
  public void replace(Policy policy) {
    jdbc.update(
        """
        UPDATE policies SET description = ?, severity = ?, enabled = ?, document = ?::jsonb,
               revision = revision + 1, updated_at = clock_timestamp()
         WHERE name = ?
        """,
        policy.description(),
        policy.severity().id(),
        policy.enabled(),
        document(policy),
        policy.name());
  }

  @Override
  public boolean delete(String name) {
    return jdbc.update("DELETE FROM policies WHERE name = ?", name) > 0;
  }

  @Override
  public Map<String, Map<String, Long>> resultCounts() {
    Map<String, Map<String, Long>> counts = new HashMap<>();
    jdbc.query(
        """
        SELECT policy_name,
               CASE WHEN status = 'waived' AND waived_until <= now() THEN 'fail' ELSE status END
                 AS effective,
               count(*) AS n
          FROM policy_results GROUP BY 1, 2
        """,
        r -> {
          counts
              .computeIfAbsent(r.getString("policy_name"), k -> new HashMap<>())
              .merge(r.getString("effective"), r.getLong("n"), Long::sum);
          return null;
        });
    return counts;
  }

  private StoredPolicy stored(ResultSet r) throws SQLException {
    try {
      ObjectNode tree = (ObjectNode) json.readTree(r.getString("document"));
      ObjectNode full = json.createObjectNode();
      full.put("name", r.getString("name"));
      full.put("description", r.getString("description"));
      full.put("severity", r.getString("severity"));
      full.put("enabled", r.getBoolean("enabled"));
      full.setAll(tree);
      return new StoredPolicy(
          PolicyParser.fromStored(full),
          r.getBoolean("baseline"),
          r.getInt("revision"),
          Jdbc.instant(r, "created_at"),
          Jdbc.instant(r, "updated_at"));
    } catch (JsonProcessingException | PolicyFormatException e) {
      throw new IllegalStateException(
          "stored policy '" + r.getString("name") + "' does not read back: " + e.getMessage(), e);
    }
  }

  private String document(Policy policy) {
    try {
      return json.writeValueAsString(PolicyParser.document(policy));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
