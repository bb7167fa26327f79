package io.blindspot.fleet.enrollment.application;

import io.blindspot.core.tokens.TokenDigest;
import io.blindspot.fleet.labels.Labels;
import io.blindspot.fleet.problem.InvalidParameter;
import io.blindspot.fleet.problem.NotFound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Issues, lists and revokes the tokens new servers enroll with. */
@ApplicationScoped
public class EnrollmentTokens {

  public static final String SECRET_PREFIX = "bse_";
  static final Duration DEFAULT_LIFETIME = Duration.ofDays(7);
  // A forgotten token that never expires is a standing invitation; a year covers image pipelines.
  static final Duration MAX_LIFETIME = Duration.ofDays(366);

  private final EnrollmentTokenStore store;

  public EnrollmentTokens(EnrollmentTokenStore store) {
    this.store = store;
  }

  /**
   * Issues a token valid for {@code expiresIn} or until {@code expiresAt} (at most one of them;
   * seven days when neither is given).
   */
  @Transactional
  public IssuedEnrollmentToken issue(
      String description, Map<String, String> labels, Duration expiresIn, Instant expiresAt) {
    Labels.check("labels", labels);
    if (labels != null && labels.containsValue(null)) {
      throw new InvalidParameter("labels", "values must be strings, not null");
    }
    if (expiresIn != null && expiresAt != null) {
      throw new InvalidParameter("expiresAt", "give either expiresIn or expiresAt, not both");
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS); // PostgreSQL's precision
    Instant expiry;
    if (expiresAt != null) {
      if (!expiresAt.isAfter(now)) {
        throw new InvalidParameter("expiresAt", "must be in the future, got " + expiresAt);
      }
      if (expiresAt.isAfter(now.plus(MAX_LIFETIME))) {
        throw new InvalidParameter(
            "expiresAt", "must be at most " + MAX_LIFETIME.toDays() + " days ahead");
      }
      expiry = expiresAt.truncatedTo(ChronoUnit.MICROS);
    } else {
      Duration lifetime = expiresIn == null ? DEFAULT_LIFETIME : expiresIn;
      if (lifetime.compareTo(MAX_LIFETIME) > 0) {
        throw new InvalidParameter("expiresIn", "must be at most P" + MAX_LIFETIME.toDays() + "D");
      }
      expiry = now.plus(lifetime);
    }
    String secret = TokenDigest.newSecret(SECRET_PREFIX);
    EnrollmentToken token =
        new EnrollmentToken(
            UUID.randomUUID(), blankToNull(description), labels, now, expiry, null, 0);
    store.add(token, TokenDigest.sha256(secret));
    return new IssuedEnrollmentToken(token, secret);
  }

  @Transactional
  public List<EnrollmentToken> list() {
    return store.all();
  }

  /** Revokes the token; revoking a revoked token again keeps the first revocation time. */
  @Transactional
  public EnrollmentToken revoke(UUID id) {
    return store
        .revoke(id, Instant.now().truncatedTo(ChronoUnit.MICROS))
        .orElseThrow(() -> new NotFound("no enrollment token " + id));
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
