package io.blindspot.ingest.agents.persistence;

import io.blindspot.ingest.agents.application.EnrollmentTokens;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class PanacheEnrollmentTokens
    implements EnrollmentTokens, PanacheRepositoryBase<EnrollmentTokenEntity, UUID> {

  @Override
  public Optional<Map<String, String>> redeem(byte[] tokenDigest) {
    // The row lock makes concurrent enrollments with one token count every use.
    return find(
            "tokenHash = ?1 and revokedAt is null and expiresAt > ?2",
            tokenDigest,
            OffsetDateTime.now())
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .firstResultOptional()
        .map(
            token -> {
              token.usedCount++;
              return token.labels == null ? Map.of() : Map.copyOf(token.labels);
            });
  }
}
