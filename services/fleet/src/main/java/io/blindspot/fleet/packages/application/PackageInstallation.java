package io.blindspot.fleet.packages.application;

import io.blindspot.core.packages.PackageManager;
import java.util.UUID;

/**
 * One package installed on one server, from the server's current package snapshot.
 *
 * @param packageKey unique within the server ([category/]name[:slot][.arch]); with the hostname the
 *     sort key of fleet-wide listings
 * @param version the full version as the manager prints it ([epoch:]version[-release])
 */
public record PackageInstallation(
    String hostname,
    UUID serverId,
    String packageKey,
    PackageManager manager,
    String name,
    String category,
    String version,
    String slot,
    String arch) {}
