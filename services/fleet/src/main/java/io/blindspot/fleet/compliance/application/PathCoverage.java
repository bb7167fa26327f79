package io.blindspot.fleet.compliance.application;

import java.util.List;
import java.util.Map;

/**
 * How one server's backups treat a path: the asset at that path or the nearest asset containing it,
 * and its verdicts as the coverage evaluation stored them.
 *
 * @param jobs each job's verdict on the asset (job, tool, included, reason, rule, ancestor,
 *     hiddenRule, lastSuccess, snapshot)
 * @param gaps descendants that matter and are lost (path, job, reason, rule, ancestor)
 * @param remediation the verified fixes
 */
public record PathCoverage(
    String hostname,
    String assetPath,
    String kind,
    String severity,
    String status,
    List<Map<String, Object>> jobs,
    List<Map<String, Object>> gaps,
    List<Object> remediation) {}
