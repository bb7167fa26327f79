package io.blindspot.fleet.policies.application;

import io.blindspot.core.policy.Selector;
import io.blindspot.fleet.FleetConfig;
import io.blindspot.fleet.auth.CurrentCaller;
import io.blindspot.fleet.problem.Conflict;
import io.blindspot.fleet.problem.InvalidParameter;
import io.blindspot.fleet.problem.NotFound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Waivers: exceptions to a policy for a server or a selector, with a reason, an author and an
 * expiry no further away than the configured maximum. Creating or revoking one is audited and
 * queues the fleet for policy evaluation in the same transaction; an expiry needs no job, since
 * readers count a waived result past its expiry as failing.
 */
@ApplicationScoped
public class Waivers {

  public static final String REASON = "waiver changed";
  static final String ENTITY = "waiver";
  private static final int MAX_REASON = 2000;

  private final WaiverStore store;
  private final PolicyStore policies;
  private final AuditStore audit;
  private final PolicyQueue queue;
  private final CurrentCaller caller;
  private final FleetConfig config;

  public Waivers(
      WaiverStore store,
      PolicyStore policies,
      AuditStore audit,
      PolicyQueue queue,
      CurrentCaller caller,
      FleetConfig config) {
    this.store = store;
    this.policies = policies;
    this.audit = audit;
    this.queue = queue;
    this.caller = caller;
    this.config = config;
  }

  /** A waiver to create: exactly one of {@code server} (a hostname) and {@code selector}. */
  public record Draft(
      String policy, String server, Selector selector, String reason, Instant expiresAt) {}

  @Transactional
  public StoredWaiver create(Draft draft) {
    if (draft.policy() == null || draft.policy().isBlank()) {
      throw new InvalidParameter("policy", "required: the name of the policy to waive");
    }
    if (policies.find(draft.policy()).isEmpty()) {
      throw new InvalidParameter("policy", "no policy named '" + draft.policy() + "'");
    }
    if ((draft.server() == null) == (draft.selector() == null)) {
      throw new InvalidParameter(
          "server",
          "give either server (a hostname) or selector (labels, osFamily, package, hostname),"
              + " not both and not neither");
    }
    java.util.UUID serverId = null;
    if (draft.server() != null) {
      serverId =
          store
              .serverId(draft.server())
              .orElseThrow(
                  () -> new InvalidParameter("server", "no server named '" + draft.server() + "'"));
    }
    String reason = draft.reason() == null ? "" : draft.reason().strip();
    if (reason.isEmpty()) {
      throw new InvalidParameter("reason", "required: why the exception is acceptable");
    }
    if (reason.length() > MAX_REASON) {
      throw new InvalidParameter("reason", "at most " + MAX_REASON + " characters");
    }
    Instant now = Instant.now();
    Duration max = config.policies().waiverMaxDuration();
    if (draft.expiresAt() == null) {
      throw new InvalidParameter(
          "expiresAt", "required: an ISO-8601 instant, at most " + max + " from now");
    }
    if (!draft.expiresAt().isAfter(now)) {
      throw new InvalidParameter("expiresAt", "must be in the future, got " + draft.expiresAt());
    }
    if (draft.expiresAt().isAfter(now.plus(max))) {
      throw new InvalidParameter(
          "expiresAt",
          "at most " + max + " from now (" + now.plus(max) + "), got " + draft.expiresAt());
    }
    long id =
        store.insert(
            draft.policy(),
            serverId,
            draft.selector(),
            reason,
            caller.get().name(),
            draft.expiresAt());
    StoredWaiver created = get(id);
    audit.append(
        caller.get().name(), ENTITY, String.valueOf(id), "create", null, auditForm(created));
    queue.enqueueAll(REASON);
    return created;
  }

  @Transactional
  public StoredWaiver get(long id) {
    return store.find(id).orElseThrow(() -> notFound(id));
  }

  @Transactional
  public List<StoredWaiver> list(String policy, String state, Long beforeId, int limit) {
    return store.list(policy, state, beforeId, limit + 1);
  }

  /** Revokes the waiver (it stays, with its revocation time); returns it as revoked. */
  @Transactional
  public StoredWaiver revoke(long id) {
    StoredWaiver before = store.lock(id).orElseThrow(() -> notFound(id));
    if (before.revokedAt() != null) {
      throw new Conflict("waiver " + id + " was already revoked at " + before.revokedAt());
    }
    store.revoke(id);
    StoredWaiver after = get(id);
    audit.append(
        caller.get().name(),
        ENTITY,
        String.valueOf(id),
        "revoke",
        auditForm(before),
        auditForm(after));
    queue.enqueueAll(REASON);
    return after;
  }

  static Map<String, Object> auditForm(StoredWaiver w) {
    Map<String, Object> form = new LinkedHashMap<>();
    form.put("id", w.id());
    form.put("policy", w.policy());
    if (w.hostname() != null) {
      form.put("server", w.hostname());
    }
    if (w.selector() != null) {
      form.put("selector", io.blindspot.core.policy.PolicyParser.toMap(w.selector()));
    }
    form.put("reason", w.reason());
    form.put("author", w.author());
    form.put("expiresAt", w.expiresAt().toString());
    form.put("revokedAt", w.revokedAt() == null ? null : w.revokedAt().toString());
    return form;
  }

  private static NotFound notFound(long id) {
    return new NotFound("no waiver with id " + id);
  }
}
