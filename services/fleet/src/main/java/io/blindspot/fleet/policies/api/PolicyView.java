package io.blindspot.fleet.policies.api;

import io.blindspot.core.policy.Policy;
import io.blindspot.fleet.policies.application.PolicyCatalog;
import io.blindspot.fleet.policies.application.StoredPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A policy as stored, with how its servers stand. */
@Schema(name = "Policy")
public record PolicyView(
    @Schema(examples = "etc-backed-up-daily") String name,
    String description,
    @Schema(enumeration = {"critical", "high", "medium", "low"}) String severity,
    boolean enabled,
    @Schema(description = "Shipped with Blindspot: can be changed or disabled, not deleted")
        boolean baseline,
    @Schema(description = "1 at creation, +1 with every PUT") int revision,
    SelectorView selector,
    List<RequirementView> requirements,
    Instant createdAt,
    Instant updatedAt,
    @Schema(
            description =
                "Servers by effective result (pass, fail, waived, not-applicable); absent in"
                    + " single-policy answers",
            examples = "{\"pass\": 120, \"fail\": 3}")
        Map<String, Long> results) {

  static PolicyView of(StoredPolicy stored, Map<String, Long> results) {
    Policy p = stored.policy();
    return new PolicyView(
        p.name(),
        p.description(),
        p.severity().id(),
        p.enabled(),
        stored.baseline(),
        stored.revision(),
        SelectorView.of(p.selector()),
        p.requirements().stream().map(RequirementView::of).toList(),
        stored.createdAt(),
        stored.updatedAt(),
        results == null ? null : new TreeMap<>(results));
  }

  static PolicyView of(PolicyCatalog.Listed listed) {
    return of(listed.stored(), listed.results());
  }
}
