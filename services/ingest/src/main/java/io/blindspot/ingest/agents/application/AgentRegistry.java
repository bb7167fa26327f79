package io.blindspot.ingest.agents.application;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The enrolled servers, as far as enrollment and agent authentication need them. */
public interface AgentRegistry {

  /** The server enrolled with this machine id. */
  Optional<UUID> serverWithMachineId(String machineId);

  /** The server enrolled under this hostname. */
  Optional<UUID> serverWithHostname(String hostname);

  /**
   * Adds a server.
   *
   * @throws HostnameTaken when a concurrent enrollment took the hostname first
   * @throws ConcurrentEnrollment when a concurrent enrollment of the same machine came first
   */
  void register(
      UUID serverId,
      String hostname,
      String machineId,
      Map<String, String> labels,
      byte[] agentTokenDigest);

  /**
   * Re-enrolls a server: new hostname, the token's labels added over the existing ones, and a new
   * agent token digest, which makes the previous token stop working.
   *
   * @throws HostnameTaken when a concurrent enrollment took the hostname first
   */
  void reenroll(
      UUID serverId, String hostname, Map<String, String> labels, byte[] agentTokenDigest);

  /** The SHA-256 of the server's current agent token, or empty when there is no such server. */
  Optional<byte[]> agentTokenDigest(UUID serverId);
}
