package io.blindspot.fleet.packages.api;

import io.blindspot.fleet.packages.application.PackageInstallation;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One server having the package asked for. */
@Schema(name = "PackageInstallation")
public record InstallationView(
    @Schema(examples = "web-01.example.org") String hostname,
    @Schema(examples = "0b6f3c52-8f0e-4a8e-9d0c-3c1f6f3e2a10") UUID serverId,
    @Schema(examples = "dpkg") String manager,
    @Schema(examples = "openssl") String name,
    @Schema(description = "Gentoo category; null elsewhere", examples = "dev-libs") String category,
    @Schema(
            description = "Full version as the manager prints it: [epoch:]version[-release]",
            examples = "3.0.15-1~deb12u1")
        String version,
    @Schema(description = "Gentoo slot; null elsewhere", examples = "0") String slot,
    @Schema(examples = "amd64") String arch) {

  static InstallationView of(PackageInstallation installation) {
    return new InstallationView(
        installation.hostname(),
        installation.serverId(),
        installation.manager().id(),
        installation.name(),
        installation.category(),
        installation.version(),
        installation.slot(),
        installation.arch());
  }
}
