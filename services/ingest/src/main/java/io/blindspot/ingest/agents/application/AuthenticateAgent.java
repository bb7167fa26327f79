package io.blindspot.ingest.agents.application;

import io.blindspot.core.tokens.AgentToken;
import io.blindspot.core.tokens.TokenDigest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Finds which server an agent token belongs to. The token names its server in clear ({@link
 * AgentToken}), so checking it costs one primary-key read; the digest comparison is constant-time.
 * The server id every upload is stored under comes from here, never from the request body.
 */
@ApplicationScoped
public class AuthenticateAgent {

  private static final String BEARER = "Bearer ";

  private final AgentRegistry registry;

  AuthenticateAgent(AgentRegistry registry) {
    this.registry = registry;
  }

  /**
   * @param authorization the Authorization header as sent, may be null
   * @return the authenticated server
   * @throws AgentUnauthenticated when the header holds no valid, current agent token
   */
  public UUID serverFor(String authorization) {
    if (authorization == null
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw new AgentUnauthenticated("an agent token is required: Authorization: Bearer <token>");
    }
    String token = authorization.substring(BEARER.length()).strip();
    UUID claimed =
        AgentToken.claimedServerId(token)
            .orElseThrow(() -> new AgentUnauthenticated("not an agent token"));
    byte[] digest = registry.agentTokenDigest(claimed).orElse(null);
    // Unknown server and wrong secret answer alike, so the answer does not reveal server ids.
    if (!TokenDigest.matches(token, digest)) {
      throw new AgentUnauthenticated(
          "the agent token is unknown or was rotated by a re-enrollment");
    }
    return claimed;
  }
}
