package io.blindspot.fleet.knowledge.application;

import io.blindspot.core.packages.PackageManager;
import io.blindspot.core.world.ServiceEntry;
import io.blindspot.core.world.ServiceKnowledge;
import io.blindspot.core.world.Severity;
import io.blindspot.fleet.problem.InvalidParameter;
import io.blindspot.fleet.problem.NotFound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The service knowledge base: the entries shipped with Blindspot plus those operators add, which
 * replace a built-in entry of the same id. Every change queues the whole fleet for a coverage
 * recompute in the same transaction, so no server keeps a verdict made with the old knowledge.
 */
@ApplicationScoped
public class KnowledgeBase {

  /** The reason recorded in coverage_queue. */
  public static final String RECOMPUTE_REASON = "knowledge base changed";

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
  private static final Pattern WORD = Pattern.compile("[^\\s/][^\\s]{0,199}");
  private static final Pattern PORTAGE_NAME = Pattern.compile("[A-Za-z0-9][\\w+.-]*/[\\w+.-]+");
  private static final int MAX_NAME = 200;
  private static final int MAX_NOTE = 2000;
  private static final int MAX_ITEMS = 100;
  private static final Set<String> MANAGERS =
      Arrays.stream(PackageManager.values())
          .map(PackageManager::id)
          .collect(Collectors.toUnmodifiableSet());

  private final KnowledgeStore store;
  private final ServiceKnowledge builtIn = ServiceKnowledge.builtIn();

  public KnowledgeBase(KnowledgeStore store) {
    this.store = store;
  }

  /** What a PUT did: the entry as stored, whether it is new, how many servers were queued. */
  public record Saved(KnowledgeEntry entry, boolean created, int queued) {}

  /** Built-in entries first (in their file's order, unless replaced), then operator ones by id. */
  @Transactional
  public List<KnowledgeEntry> list() {
    Map<String, KnowledgeStore.StoredEntry> operator = new LinkedHashMap<>();
    store.operatorEntries().forEach(stored -> operator.put(stored.entry().id(), stored));
    List<KnowledgeEntry> all = new ArrayList<>();
    for (ServiceEntry entry : builtIn.entries()) {
      if (!operator.containsKey(entry.id())) {
        all.add(new KnowledgeEntry(entry, KnowledgeEntry.BUILT_IN, false, null));
      }
    }
    operator.values().forEach(stored -> all.add(operatorEntry(stored)));
    return all;
  }

  @Transactional
  public Saved put(String id, ServiceEntryDraft draft) {
    ServiceEntry entry = check(id, draft);
    boolean created = store.save(entry);
    int queued = store.enqueueAllServers(RECOMPUTE_REASON);
    KnowledgeStore.StoredEntry stored =
        store.operatorEntry(id).orElseThrow(() -> new IllegalStateException("just saved " + id));
    return new Saved(operatorEntry(stored), created, queued);
  }

  /**
   * Removes an operator entry (a built-in one it replaced applies again); returns servers queued.
   */
  @Transactional
  public int delete(String id) {
    if (!store.delete(id)) {
      boolean isBuiltIn = builtIn.entries().stream().anyMatch(e -> e.id().equals(id));
      throw new NotFound(
          isBuiltIn
              ? "'"
                  + id
                  + "' is a built-in entry, which cannot be deleted; PUT an operator entry of the"
                  + " same id to replace it"
              : "no operator entry with id '" + id + "'");
    }
    return store.enqueueAllServers(RECOMPUTE_REASON);
  }

  private KnowledgeEntry operatorEntry(KnowledgeStore.StoredEntry stored) {
    String id = stored.entry().id();
    boolean replaces = builtIn.entries().stream().anyMatch(e -> e.id().equals(id));
    return new KnowledgeEntry(
        stored.entry(), KnowledgeEntry.OPERATOR, replaces, stored.updatedAt());
  }

  /** Checks every field, naming the first that is wrong, and builds the entry. */
  static ServiceEntry check(String id, ServiceEntryDraft draft) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new InvalidParameter(
          "id",
          "'"
              + id
              + "' must be 1-63 lower-case letters, digits, '.', '_' or '-', starting with a"
              + " letter or digit");
    }
    if (draft == null) {
      throw new InvalidParameter("name", "required: the body is a service entry");
    }
    String name = draft.name() == null ? "" : draft.name().strip();
    if (name.isEmpty() || name.length() > MAX_NAME || name.contains("\n")) {
      throw new InvalidParameter(
          "name", "required: one line of at most " + MAX_NAME + " characters");
    }
    String severity = "high";
    if (draft.severity() != null) {
      severity = draft.severity().strip().toLowerCase(Locale.ROOT);
      String given = severity;
      if (Arrays.stream(Severity.values()).noneMatch(s -> s.id().equals(given))) {
        throw new InvalidParameter(
            "severity",
            "unknown severity '"
                + draft.severity()
                + "'; one of "
                + Arrays.stream(Severity.values())
                    .map(Severity::id)
                    .collect(Collectors.joining(", ")));
      }
    }
    Map<String, List<String>> packages = new TreeMap<>();
    if (draft.packages() != null) {
      for (Map.Entry<String, List<String>> byManager : draft.packages().entrySet()) {
        String manager = byManager.getKey();
        String field = "packages." + manager;
        if (!MANAGERS.contains(manager)) {
          throw new InvalidParameter(
              field,
              "unknown package manager '"
                  + manager
                  + "'; one of "
                  + String.join(", ", sorted(MANAGERS)));
        }
        List<String> names = items(field, byManager.getValue());
        for (int i = 0; i < names.size(); i++) {
          String packageName = names.get(i);
          boolean valid =
              manager.equals(PackageManager.PORTAGE.id())
                  ? PORTAGE_NAME.matcher(packageName).matches()
                  : WORD.matcher(packageName).matches();
          if (!valid) {
            throw new InvalidParameter(
                field + "[" + i + "]",
                manager.equals(PackageManager.PORTAGE.id())
                    ? "portage package names are category/name, got '" + packageName + "'"
                    : "not a package name: '" + packageName + "'");
          }
        }
        if (!names.isEmpty()) {
          packages.put(manager, names);
        }
      }
    }
    List<String> services = items("services", draft.services());
    for (int i = 0; i < services.size(); i++) {
      if (!WORD.matcher(services.get(i)).matches()) {
        throw new InvalidParameter(
            "services[" + i + "]", "not a service (unit) name: '" + services.get(i) + "'");
      }
    }
    if (packages.isEmpty() && services.isEmpty()) {
      throw new InvalidParameter(
          "packages",
          "the entry needs at least one package (by package manager) or service that reveals it");
    }
    List<String> paths = paths("paths", draft.paths());
    Map<String, List<String>> pathsByManager = new TreeMap<>();
    if (draft.pathsByManager() != null) {
      for (Map.Entry<String, List<String>> byManager : draft.pathsByManager().entrySet()) {
        String field = "pathsByManager." + byManager.getKey();
        if (!MANAGERS.contains(byManager.getKey())) {
          throw new InvalidParameter(
              field,
              "unknown package manager '"
                  + byManager.getKey()
                  + "'; one of "
                  + String.join(", ", sorted(MANAGERS)));
        }
        List<String> own = paths(field, byManager.getValue());
        if (!own.isEmpty()) {
          pathsByManager.put(byManager.getKey(), own);
        }
      }
    }
    if (paths.isEmpty() && pathsByManager.isEmpty()) {
      throw new InvalidParameter(
          "paths", "the entry needs at least one data path (directories end with /)");
    }
    String note = draft.note() == null || draft.note().isBlank() ? null : draft.note().strip();
    if (note != null && note.length() > MAX_NOTE) {
      throw new InvalidParameter("note", "at most " + MAX_NOTE + " characters");
    }
    return new ServiceEntry(id, name, severity, packages, services, paths, note, pathsByManager);
  }

  private static List<String> items(String field, List<String> values) {
    if (values == null) {
      return List.of();
    }
    if (values.size() > MAX_ITEMS) {
      throw new InvalidParameter(field, "at most " + MAX_ITEMS + " entries");
    }
    List<String> items = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      if (value == null || value.isBlank()) {
        throw new InvalidParameter(field + "[" + i + "]", "must not be empty");
      }
      if (!items.contains(value.strip())) {
        items.add(value.strip());
      }
    }
    return items;
  }

  /** Absolute, normalised paths; a directory ends with "/". */
  private static List<String> paths(String field, List<String> values) {
    List<String> paths = items(field, values);
    for (int i = 0; i < paths.size(); i++) {
      String path = paths.get(i);
      String problem = null;
      if (!path.startsWith("/")) {
        problem = "must be an absolute path (directories end with /)";
      } else if (path.equals("/")) {
        problem = "the whole file system is not a service's data";
      } else if (path.contains("//")) {
        problem = "must not contain '//'";
      } else if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
        problem = "must not contain control characters";
      } else if (Arrays.stream(path.split("/")).anyMatch(s -> s.equals(".") || s.equals(".."))) {
        problem = "must not contain '.' or '..' segments";
      } else if (path.contains("*") || path.contains("?") || path.contains("[")) {
        problem = "must be a path, not a pattern";
      }
      if (problem != null) {
        throw new InvalidParameter(field + "[" + i + "]", problem + ", got '" + path + "'");
      }
    }
    return paths;
  }

  private static List<String> sorted(Set<String> values) {
    return values.stream().sorted().toList();
  }
}
