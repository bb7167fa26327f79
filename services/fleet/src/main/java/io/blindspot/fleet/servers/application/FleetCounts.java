package io.blindspot.fleet.servers.application;

import java.util.Map;

/**
 * Fleet-wide numbers for the metrics endpoint.
 *
 * @param serversByOsFamily os family ("unknown" before the first inventory) → servers
 * @param notSeen servers not seen within the threshold, or never
 */
public record FleetCounts(Map<String, Long> serversByOsFamily, long notSeen) {}
