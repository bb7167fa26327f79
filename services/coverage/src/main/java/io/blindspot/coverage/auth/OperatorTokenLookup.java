package io.blindspot.coverage.auth;

import io.blindspot.core.tokens.TokenDigest;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Finds an operator token (bso_..., issued by the fleet service) by its SHA-256. Every endpoint of
 * this service only computes and reads, so both roles may call it: revocation is all that matters,
 * and it is read from the row at each request.
 */
@ApplicationScoped
class OperatorTokenLookup {

  /** What an operator token's prefix is (the fleet service issues them). */
  static final String PREFIX = "bso_";

  private final DataSource dataSource;

  OperatorTokenLookup(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The token's name and revocation time (null while active); empty when unknown. */
  Optional<Found> find(String token) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT name, revoked_at FROM operator_tokens WHERE token_hash = ?")) {
      s.setBytes(1, TokenDigest.sha256(token));
      try (ResultSet r = s.executeQuery()) {
        return r.next()
            ? Optional.of(new Found(r.getString(1), r.getTimestamp(2)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read operator_tokens: " + e.getMessage(), e);
    }
  }

  record Found(String name, Timestamp revokedAt) {}
}
