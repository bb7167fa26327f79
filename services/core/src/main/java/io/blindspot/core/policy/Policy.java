package io.blindspot.core.policy;

import io.blindspot.core.world.Severity;
import java.util.List;
import java.util.Objects;

/**
 * A declarative statement of what must be true on the servers a selector picks.
 *
 * @param name the stable identifier operators use in URLs and waivers: [a-z0-9][a-z0-9-]*
 * @param description what the policy is for, in a sentence or two
 * @param severity how bad a failure is; every finding of the policy carries it
 * @param enabled a disabled policy is not evaluated
 * @param selector which servers the policy applies to
 * @param requirements what must hold, each with an id unique within the policy
 */
public record Policy(
    String name,
    String description,
    Severity severity,
    boolean enabled,
    Selector selector,
    List<Requirement> requirements) {

  public Policy {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(severity, "severity");
    description = description == null ? "" : description;
    selector = selector == null ? Selector.ANY : selector;
    requirements = List.copyOf(requirements);
  }

  /** The same policy, enabled or not. */
  public Policy withEnabled(boolean enabled) {
    return new Policy(name, description, severity, enabled, selector, requirements);
  }
}
