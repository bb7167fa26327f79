package io.blindspot.fleet.policies.application;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads stored policy results. Every status read here is the effective one: a waived row past its
 * waiver's expiry reads as "fail".
 */
public interface ResultStore {

  /** The server's results with their findings, by policy name; empty when no such server. */
  Optional<List<ServerResult>> forServer(String hostname);

  /** One policy's result on each server, by hostname, after {@code afterHostname}. */
  List<ServerStatus> forPolicy(
      String policy, Set<String> statuses, String afterHostname, int limit);

  /** One server's result for one policy. */
  record ServerResult(
      String policy,
      String severity,
      String status,
      Long waiverId,
      Instant waivedUntil,
      Instant evaluatedAt,
      JsonNode outcomes,
      List<FindingRow> findings) {}

  /** A failing (or waived) requirement on one path. */
  record FindingRow(
      String requirement,
      String path,
      String severity,
      String status,
      Long waiverId,
      Instant waivedUntil,
      String assetKind,
      String assetStatus,
      String job,
      String message,
      JsonNode evidence,
      Instant firstSeen) {}

  /** A server's status for one policy. */
  record ServerStatus(
      String hostname,
      String status,
      Long waiverId,
      Instant waivedUntil,
      Instant evaluatedAt,
      int findings) {}
}
