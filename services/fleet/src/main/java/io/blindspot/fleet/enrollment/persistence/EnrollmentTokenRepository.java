package io.blindspot.fleet.enrollment.persistence;

import io.blindspot.fleet.enrollment.application.EnrollmentToken;
import io.blindspot.fleet.enrollment.application.EnrollmentTokenStore;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class EnrollmentTokenRepository
    implements PanacheRepositoryBase<EnrollmentTokenEntity, UUID>, EnrollmentTokenStore {

  @Override
  public void add(EnrollmentToken token, byte[] secretDigest) {
    EnrollmentTokenEntity entity = new EnrollmentTokenEntity();
    entity.id = token.id();
    entity.tokenHash = secretDigest;
    entity.description = token.description();
    entity.labels = new HashMap<>(token.labels());
    entity.createdAt = token.createdAt();
    entity.expiresAt = token.expiresAt();
    persist(entity);
  }

  @Override
  public List<EnrollmentToken> all() {
    return findAll(Sort.descending("createdAt").and("id")).stream()
        .map(EnrollmentTokenRepository::toToken)
        .toList();
  }

  @Override
  public Optional<EnrollmentToken> revoke(UUID id, Instant at) {
    return findByIdOptional(id)
        .map(
            entity -> {
              if (entity.revokedAt == null) {
                entity.revokedAt = at;
              }
              return toToken(entity);
            });
  }

  private static EnrollmentToken toToken(EnrollmentTokenEntity entity) {
    return new EnrollmentToken(
        entity.id,
        entity.description,
        entity.labels,
        entity.createdAt,
        entity.expiresAt,
        entity.revokedAt,
        entity.usedCount);
  }
}
