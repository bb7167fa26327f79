package io.blindspot.fleet.enrollment.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of enrollment_tokens. */
@Entity
@Table(name = "enrollment_tokens")
public class EnrollmentTokenEntity extends PanacheEntityBase {

  @Id
  @Column(name = "token_id")
  public UUID id;

  @Column(name = "token_hash", nullable = false, updatable = false)
  public byte[] tokenHash;

  public String description;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  public Map<String, String> labels;

  @Column(name = "created_at", nullable = false, updatable = false)
  public Instant createdAt;

  @Column(name = "expires_at", nullable = false)
  public Instant expiresAt;

  @Column(name = "revoked_at")
  public Instant revokedAt;

  // Counted up by the ingest service at each enrollment; never written from here.
  @Column(name = "used_count", insertable = false, updatable = false)
  public int usedCount;
}
