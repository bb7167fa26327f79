package io.blindspot.ingest.agents.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A row of {@code servers}, the columns enrollment writes. The denormalised inventory columns are
 * written by the report store with plain SQL and are not mapped here.
 */
@Entity
@Table(name = "servers")
public class ServerEntity {

  @Id
  @Column(name = "server_id")
  public UUID serverId;

  @Column(nullable = false)
  public String hostname;

  @Column(name = "machine_id", nullable = false, updatable = false)
  public String machineId;

  /** Operator labels (from enrollment tokens and the fleet service). */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(columnDefinition = "jsonb", nullable = false)
  public Map<String, String> labels;

  @Column(name = "agent_token_hash", nullable = false)
  public byte[] agentTokenHash;

  @Column(name = "enrolled_at", nullable = false, updatable = false)
  public OffsetDateTime enrolledAt;

  @Column(name = "token_issued_at", nullable = false)
  public OffsetDateTime tokenIssuedAt;
}
