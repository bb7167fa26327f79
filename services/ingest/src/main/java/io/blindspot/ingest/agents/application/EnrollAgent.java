package io.blindspot.ingest.agents.application;

import io.blindspot.core.tokens.AgentToken;
import io.blindspot.core.tokens.TokenDigest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Enrolls an agent with an operator's enrollment token and issues its agent token.
 *
 * <p>A machine is identified by its machine id (/etc/machine-id), not its hostname: enrolling the
 * same machine again (reinstalled agent, lost token) keeps its server and history, takes the new
 * hostname, and rotates the agent token so that the old one stops working.
 */
@ApplicationScoped
public class EnrollAgent {

  private final EnrollmentTokens enrollmentTokens;
  private final AgentRegistry registry;

  EnrollAgent(EnrollmentTokens enrollmentTokens, AgentRegistry registry) {
    this.enrollmentTokens = enrollmentTokens;
    this.registry = registry;
  }

  @Transactional
  public IssuedAgentToken enroll(String hostname, String machineId, String enrollmentToken) {
    Map<String, String> labels =
        enrollmentTokens
            .redeem(TokenDigest.sha256(enrollmentToken))
            .orElseThrow(EnrollmentRefused::new);
    Optional<UUID> existing = registry.serverWithMachineId(machineId);
    UUID serverId = existing.orElseGet(UUID::randomUUID);
    registry
        .serverWithHostname(hostname)
        .filter(holder -> !holder.equals(serverId))
        .ifPresent(
            holder -> {
              throw new HostnameTaken(hostname);
            });
    AgentToken token = AgentToken.issue(serverId);
    byte[] digest = TokenDigest.sha256(token.token());
    if (existing.isPresent()) {
      registry.reenroll(serverId, hostname, labels, digest);
    } else {
      registry.register(serverId, hostname, machineId, labels, digest);
    }
    return new IssuedAgentToken(serverId, token.token());
  }
}
