package io.blindspot.fleet.dashboard.application;

import java.time.Instant;
import java.util.List;

/**
 * A policy and how the fleet fares against it (an expired waiver counts as fail).
 *
 * @param requirements each requirement as its JSON text
 * @param selector the selector as JSON text; "{}" selects every server
 */
public record PolicySummary(
    String name,
    String description,
    String severity,
    boolean enabled,
    boolean baseline,
    int revision,
    Instant updatedAt,
    String selector,
    List<String> requirements,
    long pass,
    long fail,
    long waived,
    long notApplicable) {}
