package io.blindspot.core.coverage;

import java.util.List;

/**
 * The answer to "if this server died tonight, could I restore it?".
 *
 * @param readiness the verdict
 * @param reasons why, one sentence each, worst first
 * @param score 0–100, see {@link CoverageScore}
 * @param assets every asset with its coverage, in the world's order
 */
public record CoverageReport(
    Readiness readiness, List<String> reasons, int score, List<AssetCoverage> assets) {}
