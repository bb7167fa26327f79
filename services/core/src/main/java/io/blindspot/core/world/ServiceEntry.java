package io.blindspot.core.world;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One service of the knowledge base: which packages (per package manager) or running services
 * reveal it, and where its data lives.
 *
 * @param id stable identifier ("mysql")
 * @param packages package names per package manager id ("dpkg" → ["mariadb-server"]); Gentoo names
 *     are qualified ("dev-db/mariadb")
 * @param services service (unit) names that reveal it when running
 * @param paths its data directories (trailing "/") or files, wherever it is installed
 * @param pathsByManager more data paths where only one package manager's packaging puts them ("rpm"
 *     → ["/var/lib/pgsql/"]): a path the server cannot have is not reported as missing
 */
public record ServiceEntry(
    String id,
    String name,
    String severity,
    Map<String, List<String>> packages,
    List<String> services,
    List<String> paths,
    String note,
    Map<String, List<String>> pathsByManager) {

  public ServiceEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    severity = severity == null ? "high" : severity;
    packages = packages == null ? Map.of() : Map.copyOf(packages);
    services = services == null ? List.of() : List.copyOf(services);
    paths = paths == null ? List.of() : List.copyOf(paths);
    pathsByManager = pathsByManager == null ? Map.of() : Map.copyOf(pathsByManager);
    Severity.fromId(severity); // rejects an unknown severity early
  }

  public ServiceEntry(
      String id,
      String name,
      String severity,
      Map<String, List<String>> packages,
      List<String> services,
      List<String> paths,
      String note) {
    this(id, name, severity, packages, services, paths, note, null);
  }

  /**
   * The paths of this service on a server of the given package manager (null when not known: then
   * only the common ones).
   */
  public List<String> pathsFor(String manager) {
    List<String> own =
        manager == null ? List.of() : pathsByManager.getOrDefault(manager, List.of());
    if (own.isEmpty()) {
      return paths;
    }
    List<String> all = new ArrayList<>(paths);
    own.stream().filter(p -> !all.contains(p)).forEach(all::add);
    return all;
  }
}
