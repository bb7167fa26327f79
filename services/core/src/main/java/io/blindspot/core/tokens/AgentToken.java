package io.blindspot.core.tokens;

import java.util.Optional;
import java.util.UUID;

/**
 * A server's agent token: {@code bsa_<server id, 32 hex>_<secret>}. The server id in clear lets the
 * ingest service find the one row to check by primary key (and, sharded by server, the one shard),
 * while the secret part is what the stored digest protects.
 */
public record AgentToken(UUID serverId, String token) {

  public static final String PREFIX = "bsa_";

  public static AgentToken issue(UUID serverId) {
    String id = serverId.toString().replace("-", "");
    return new AgentToken(serverId, TokenDigest.newSecret(PREFIX + id + "_"));
  }

  /** The server id a presented token claims, or empty when it is not an agent token at all. */
  public static Optional<UUID> claimedServerId(String token) {
    if (token == null || !token.startsWith(PREFIX) || token.length() < PREFIX.length() + 33) {
      return Optional.empty();
    }
    String hex = token.substring(PREFIX.length(), PREFIX.length() + 32);
    if (token.charAt(PREFIX.length() + 32) != '_' || !hex.matches("[0-9a-f]{32}")) {
      return Optional.empty();
    }
    return Optional.of(
        UUID.fromString(
            hex.substring(0, 8)
                + "-"
                + hex.substring(8, 12)
                + "-"
                + hex.substring(12, 16)
                + "-"
                + hex.substring(16, 20)
                + "-"
                + hex.substring(20)));
  }
}
