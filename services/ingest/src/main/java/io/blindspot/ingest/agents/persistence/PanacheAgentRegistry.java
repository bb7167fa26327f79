package io.blindspot.ingest.agents.persistence;

import io.blindspot.ingest.agents.application.AgentRegistry;
import io.blindspot.ingest.agents.application.ConcurrentEnrollment;
import io.blindspot.ingest.agents.application.HostnameTaken;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.hibernate.exception.ConstraintViolationException;

@ApplicationScoped
public class PanacheAgentRegistry
    implements AgentRegistry, PanacheRepositoryBase<ServerEntity, UUID> {

  private static final String HOSTNAME_KEY = "servers_hostname_key";
  private static final String MACHINE_ID_KEY = "servers_machine_id_key";

  private final DataSource dataSource;

  PanacheAgentRegistry(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Optional<UUID> serverWithMachineId(String machineId) {
    return find("machineId", machineId).firstResultOptional().map(s -> s.serverId);
  }

  @Override
  public Optional<UUID> serverWithHostname(String hostname) {
    return find("hostname", hostname).firstResultOptional().map(s -> s.serverId);
  }

  @Override
  public void register(
      UUID serverId,
      String hostname,
      String machineId,
      Map<String, String> labels,
      byte[] agentTokenDigest) {
    ServerEntity server = new ServerEntity();
    server.serverId = serverId;
    server.hostname = hostname;
    server.machineId = machineId;
    server.labels = new HashMap<>(labels);
    server.agentTokenHash = agentTokenDigest;
    server.enrolledAt = OffsetDateTime.now();
    server.tokenIssuedAt = server.enrolledAt;
    persist(server);
    flushTranslatingHostnameClash(hostname);
  }

  @Override
  public void reenroll(
      UUID serverId, String hostname, Map<String, String> labels, byte[] agentTokenDigest) {
    ServerEntity server = findById(serverId);
    server.hostname = hostname;
    Map<String, String> merged = new HashMap<>(server.labels == null ? Map.of() : server.labels);
    merged.putAll(labels);
    server.labels = merged;
    server.agentTokenHash = agentTokenDigest;
    server.tokenIssuedAt = OffsetDateTime.now();
    flushTranslatingHostnameClash(hostname);
  }

  /**
   * Plain SQL: this runs before every upload, and the unchanged-upload path has a 5 ms budget that
   * opening an ORM session for one column would eat into.
   */
  @Override
  public Optional<byte[]> agentTokenDigest(UUID serverId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT agent_token_hash FROM servers WHERE server_id = ?")) {
      select.setObject(1, serverId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(row.getBytes(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the agent token of server " + serverId, e);
    }
  }

  /**
   * A concurrent enrollment may win the race for the hostname or the machine id between our check
   * and our write; the unique indexes decide, and the loser gets the answer it would have got a
   * moment later.
   */
  private void flushTranslatingHostnameClash(String hostname) {
    try {
      flush();
    } catch (PersistenceException e) {
      String constraint =
          e instanceof ConstraintViolationException direct
              ? direct.getConstraintName()
              : e.getCause() instanceof ConstraintViolationException cause
                  ? cause.getConstraintName()
                  : null;
      if (HOSTNAME_KEY.equals(constraint)) {
        throw new HostnameTaken(hostname);
      }
      if (MACHINE_ID_KEY.equals(constraint)) {
        throw new ConcurrentEnrollment();
      }
      throw e;
    }
  }
}
