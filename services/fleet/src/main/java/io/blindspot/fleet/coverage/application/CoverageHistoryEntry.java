package io.blindspot.fleet.coverage.application;

import java.time.Instant;
import java.util.Map;

/**
 * One report of a server's coverage history: an evaluation whose outcome differed from the one
 * before.
 *
 * @param evaluatedAt when this outcome was first seen
 * @param counts asset status id → number of assets, every status present
 * @param current whether this is the server's current report
 */
public record CoverageHistoryEntry(
    long reportId,
    Instant evaluatedAt,
    String readiness,
    int score,
    Map<String, Long> counts,
    boolean current) {}
