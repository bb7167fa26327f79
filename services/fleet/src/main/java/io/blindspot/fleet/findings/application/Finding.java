package io.blindspot.fleet.findings.application;

import java.time.Instant;
import java.util.UUID;

/**
 * One failing (or waived) requirement of a policy on a server, about one asset path ("" when the
 * requirement is not about a path).
 *
 * @param status the effective status: a waiver that expired counts as fail
 * @param evidence JSON text (the rule, the gap, the fix), passed through as stored
 */
public record Finding(
    UUID serverId,
    String hostname,
    String policy,
    String severity,
    int severityRank,
    String requirement,
    String path,
    String status,
    String assetKind,
    String assetStatus,
    String job,
    String message,
    Instant firstSeen,
    Long waiverId,
    Instant waivedUntil,
    String evidence) {}
