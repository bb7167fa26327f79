package io.blindspot.fleet.compliance.application;

/**
 * A data asset of a service that a server has because a package is installed there.
 *
 * @param versions the installed versions of the package, space-separated
 * @param provenance why the asset matters, as the world derivation wrote it
 */
public record PackageData(
    String hostname,
    String packageName,
    String versions,
    String assetPath,
    String severity,
    String status,
    String provenance) {}
