package io.blindspot.core.packages;

import java.util.List;
import java.util.Objects;

/**
 * A server's installed packages in canonical form.
 *
 * @param manager the package manager that owns them
 * @param packages installed packages, in the order the native database lists them
 * @param world what the operator asked for: Gentoo's world file atoms; elsewhere the names of
 *     explicitly installed packages when the format records them
 * @param worldSets Gentoo's world_sets entries ("@kde"); empty elsewhere
 */
public record PackageSet(
    PackageManager manager,
    List<InstalledPackage> packages,
    List<String> world,
    List<String> worldSets) {

  public PackageSet {
    Objects.requireNonNull(manager, "manager");
    packages = List.copyOf(packages);
    world = world == null ? List.of() : List.copyOf(world);
    worldSets = worldSets == null ? List.of() : List.copyOf(worldSets);
  }
}
