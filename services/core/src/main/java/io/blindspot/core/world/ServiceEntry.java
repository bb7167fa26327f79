package io.blindspot.core.world;

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
 * @param paths its data directories (trailing "/") or files
 */
public record ServiceEntry(
    String id,
    String name,
    String severity,
    Map<String, List<String>> packages,
    List<String> services,
    List<String> paths,
    String note) {

  public ServiceEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    severity = severity == null ? "high" : severity;
    packages = packages == null ? Map.of() : Map.copyOf(packages);
    services = services == null ? List.of() : List.copyOf(services);
    paths = List.copyOf(paths);
    Severity.fromId(severity); // rejects an unknown severity early
  }
}
