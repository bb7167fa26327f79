package io.blindspot.fleet.tokens.application;

import io.blindspot.core.tokens.TokenDigest;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Every operator token's digest, in memory, so that authenticating a request never waits for the
 * database: the authentication filter runs before resource matching, on the I/O thread, where a
 * JDBC call must not block. The table is small (one row per person or tool).
 *
 * <p>A change made through this instance applies as soon as its transaction commits; a change made
 * through another fleet instance applies at the next reload, at most {@code
 * blindspot.tokens.refresh} (one second) later. Uses are written to last_used_at by the reload, at
 * most once a minute per token, so a busy token costs no write per request.
 */
@ApplicationScoped
public class OperatorCredentials {

  static final Duration USE_RESOLUTION = Duration.ofMinutes(1);
  private static final Logger LOG = Logger.getLogger(OperatorCredentials.class);
  private static final HexFormat HEX = HexFormat.of();

  private final OperatorTokenStore store;
  private final Object lock = new Object();
  private long version; // guarded by lock: bumped by every local change
  private volatile Map<String, OperatorToken> byDigest = Map.of();
  private final Map<UUID, Instant> noted = new ConcurrentHashMap<>();
  private final Map<UUID, Instant> unwritten = new ConcurrentHashMap<>();

  public OperatorCredentials(OperatorTokenStore store) {
    this.store = store;
  }

  /** The token whose secret this is, revoked or not; records the use of an active one. */
  public Optional<OperatorToken> lookup(String secret) {
    // A map lookup by digest: timing can at most tell an attacker about digests, not secrets.
    OperatorToken token = byDigest.get(HEX.formatHex(TokenDigest.sha256(secret)));
    if (token != null && !token.revoked()) {
      noteUse(token.id(), Instant.now());
    }
    return Optional.ofNullable(token);
  }

  void start(@Observes StartupEvent event) {
    reloadQuietly();
  }

  @Scheduled(
      identity = "operator-token-reload",
      every = "${blindspot.tokens.refresh:PT1S}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduledReload() {
    reloadQuietly();
  }

  /** Writes pending uses, then reloads every token; tests call it to avoid waiting. */
  @Transactional
  @ActivateRequestContext
  public void reload() {
    Map<UUID, Instant> uses = new HashMap<>();
    for (UUID id : List.copyOf(unwritten.keySet())) {
      Instant at = unwritten.remove(id);
      if (at != null) {
        uses.put(id, at);
      }
    }
    if (!uses.isEmpty()) {
      store.recordUse(uses);
    }
    long seen;
    synchronized (lock) {
      seen = version;
    }
    Map<String, OperatorToken> fresh = new HashMap<>();
    for (OperatorTokenStore.Credential credential : store.credentials()) {
      fresh.put(HEX.formatHex(credential.digest()), credential.token());
    }
    synchronized (lock) {
      // A local change since we started reading may be newer than what we read: keep it, the
      // next reload catches up with everything else.
      if (version == seen) {
        byDigest = Map.copyOf(fresh);
      }
    }
  }

  void apply(@Observes(during = TransactionPhase.AFTER_SUCCESS) TokenChanged change) {
    synchronized (lock) {
      version++;
      Map<String, OperatorToken> next = new HashMap<>(byDigest);
      String key = change.digest() == null ? keyOf(next, change.token().id()) : null;
      if (change.digest() != null) {
        key = HEX.formatHex(change.digest());
      }
      if (key != null) {
        next.put(key, change.token());
      }
      byDigest = Map.copyOf(next);
    }
  }

  private static String keyOf(Map<String, OperatorToken> tokens, UUID id) {
    for (Map.Entry<String, OperatorToken> entry : tokens.entrySet()) {
      if (entry.getValue().id().equals(id)) {
        return entry.getKey();
      }
    }
    return null;
  }

  private void noteUse(UUID id, Instant now) {
    Instant last = noted.get(id);
    if (last == null || !last.plus(USE_RESOLUTION).isAfter(now)) {
      noted.put(id, now);
      unwritten.put(id, now);
    }
  }

  private void reloadQuietly() {
    try {
      reload();
    } catch (RuntimeException e) {
      LOG.warnf(
          "could not reload the operator tokens, keeping the %d known: %s",
          byDigest.size(), e.getMessage());
    }
  }
}
