package io.blindspot.fleet.servers.application;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A server as the fleet listing shows it.
 *
 * @param labels the effective labels: the agent's, overridden by the operator's on a clash
 * @param operatorLabels the labels operators set (enrollment token, PATCH)
 * @param agentLabels the labels the agent reports in its inventory (agent.conf)
 * @param packageManager the manager of its current package snapshot; null before the first one
 * @param packageCount the number of packages in that snapshot; null before the first one
 * @param readiness READY, AT_RISK or NOT_RESTORABLE from the current coverage; null before the
 *     first evaluation
 * @param score the coverage score 0–100; null before the first evaluation
 */
public record Server(
    UUID serverId,
    String hostname,
    Os os,
    String kernel,
    String architecture,
    Map<String, String> labels,
    Map<String, String> operatorLabels,
    Map<String, String> agentLabels,
    Instant lastSeenAt,
    Instant enrolledAt,
    String packageManager,
    Integer packageCount,
    String readiness,
    Integer score) {

  public Server {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    operatorLabels = operatorLabels == null ? Map.of() : Map.copyOf(operatorLabels);
    agentLabels = agentLabels == null ? Map.of() : Map.copyOf(agentLabels);
  }
}
