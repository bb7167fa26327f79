package io.blindspot.fleet.packages.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The canonical PackageSet JSON (core's PackageSetJson) as OpenAPI describes it. Documentation
 * only: the response itself is written by core, so the two cannot drift apart in what is sent.
 */
@Schema(name = "PackageSet", description = "A server's installed packages in canonical form")
public record PackageSetDocument(
    @Schema(
            required = true,
            enumeration = {"portage", "dpkg", "rpm", "apk", "pacman"},
            examples = "dpkg")
        String manager,
    @Schema(required = true) List<Package> packages,
    @Schema(
            description = "Gentoo world atoms; elsewhere explicitly installed package names",
            examples = "[\"app-editors/vim\"]")
        List<String> world,
    @Schema(description = "Gentoo world_sets entries", examples = "[\"@kde\"]")
        List<String> worldSets) {

  /** One installed package. */
  @Schema(name = "Package")
  public record Package(
      @Schema(required = true, examples = "openssl") String name,
      @Schema(description = "Gentoo category", examples = "dev-libs") String category,
      @Schema(
              required = true,
              description = "Upstream version without epoch or release",
              examples = "3.0.15-1~deb12u1")
          String version,
      @Schema(description = "rpm release, pacman/apk pkgrel", examples = "1.el9") String release,
      @Schema(examples = "1") Integer epoch,
      @Schema(description = "Gentoo SLOT", examples = "0") String slot,
      @Schema(description = "Gentoo sub-slot", examples = "3") String subslot,
      @Schema(examples = "amd64") String arch,
      @Schema(examples = "Debian") String repository,
      @Schema(
              enumeration = {"explicit", "dependency", "unknown"},
              examples = "explicit")
          String reason,
      List<ConfigFile> configFiles) {}

  /** A configuration file a package declares. */
  @Schema(name = "ConfigFile")
  public record ConfigFile(
      @Schema(required = true, examples = "/etc/ssl/openssl.cnf") String path,
      @Schema(examples = "md5") String algorithm,
      @Schema(examples = "4e3c1b5b1e1a0b7f8f6b6d0f5b2a1c3d") String checksum) {}
}
