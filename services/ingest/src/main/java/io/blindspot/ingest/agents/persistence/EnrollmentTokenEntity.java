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

/** A row of {@code enrollment_tokens}; created by the fleet service, redeemed here. */
@Entity
@Table(name = "enrollment_tokens")
public class EnrollmentTokenEntity {

  @Id
  @Column(name = "token_id")
  public UUID tokenId;

  @Column(name = "token_hash", nullable = false, updatable = false)
  public byte[] tokenHash;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(columnDefinition = "jsonb", nullable = false, updatable = false)
  public Map<String, String> labels;

  @Column(name = "expires_at", nullable = false, updatable = false)
  public OffsetDateTime expiresAt;

  @Column(name = "revoked_at", updatable = false)
  public OffsetDateTime revokedAt;

  @Column(name = "used_count", nullable = false)
  public int usedCount;
}
