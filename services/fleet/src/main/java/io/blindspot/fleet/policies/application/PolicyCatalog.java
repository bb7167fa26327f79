package io.blindspot.fleet.policies.application;

import io.blindspot.core.policy.Policy;
import io.blindspot.core.policy.PolicyParser;
import io.blindspot.fleet.auth.CurrentCaller;
import io.blindspot.fleet.problem.Conflict;
import io.blindspot.fleet.problem.InvalidParameter;
import io.blindspot.fleet.problem.NotFound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Policies: every change is written to the audit trail and queues the whole fleet for policy
 * evaluation in the same transaction, so no result outlives the policy it was computed from.
 */
@ApplicationScoped
public class PolicyCatalog {

  /** The reason recorded in policy_queue. */
  public static final String REASON = "policy changed";

  static final String ENTITY = "policy";

  private final PolicyStore store;
  private final AuditStore audit;
  private final PolicyQueue queue;
  private final CurrentCaller caller;

  public PolicyCatalog(
      PolicyStore store, AuditStore audit, PolicyQueue queue, CurrentCaller caller) {
    this.store = store;
    this.audit = audit;
    this.queue = queue;
    this.caller = caller;
  }

  /** A policy with its servers' effective results counted by status. */
  public record Listed(StoredPolicy stored, Map<String, Long> results) {}

  @Transactional
  public List<Listed> list() {
    Map<String, Map<String, Long>> counts = store.resultCounts();
    return store.all().stream()
        .map(p -> new Listed(p, counts.getOrDefault(p.policy().name(), Map.of())))
        .toList();
  }

  @Transactional
  public StoredPolicy get(String name) {
    return store.find(name).orElseThrow(() -> notFound(name));
  }

  @Transactional
  public StoredPolicy create(Policy policy) {
    if (!store.insert(policy, false)) {
      throw new Conflict(
          "a policy named '"
              + policy.name()
              + "' exists; PUT /api/v1/policies/"
              + policy.name()
              + " replaces it");
    }
    StoredPolicy created = get(policy.name());
    audit.append(caller.get().name(), ENTITY, policy.name(), "create", null, auditForm(created));
    queue.enqueueAll(REASON);
    return created;
  }

  @Transactional
  public StoredPolicy replace(String name, Policy policy) {
    if (!policy.name().equals(name)) {
      throw new InvalidParameter(
          "name", "the body's name '" + policy.name() + "' differs from the path's '" + name + "'");
    }
    StoredPolicy before = store.lock(name).orElseThrow(() -> notFound(name));
    store.replace(policy);
    StoredPolicy after = get(name);
    audit.append(caller.get().name(), ENTITY, name, "update", auditForm(before), auditForm(after));
    queue.enqueueAll(REASON);
    return after;
  }

  @Transactional
  public void delete(String name) {
    StoredPolicy before = store.lock(name).orElseThrow(() -> notFound(name));
    if (before.baseline()) {
      throw new Conflict(
          "'"
              + name
              + "' is a baseline policy, which cannot be deleted; PUT it with \"enabled\": false"
              + " to turn it off");
    }
    store.delete(name);
    // its results and findings go with it (ON DELETE CASCADE): nothing to recompute
    audit.append(caller.get().name(), ENTITY, name, "delete", auditForm(before), null);
  }

  /** What the audit trail keeps of a policy: its canonical form and where it stands. */
  static Map<String, Object> auditForm(StoredPolicy stored) {
    Map<String, Object> form = new LinkedHashMap<>(PolicyParser.toMap(stored.policy()));
    form.put("baseline", stored.baseline());
    form.put("revision", stored.revision());
    return form;
  }

  private static NotFound notFound(String name) {
    return new NotFound("no policy named '" + name + "'");
  }
}
