package io.blindspot.core.packages;

import java.util.List;
import java.util.Objects;

/**
 * One installed package in the canonical model every native format maps to.
 *
 * @param name package name (Gentoo: PN without category)
 * @param category Gentoo category ("sys-kernel"); null elsewhere
 * @param version upstream version as the manager writes it, without epoch or release (Gentoo: PVR
 *     without the name, e.g. "6.6.13-r1"; dpkg: the whole version minus epoch)
 * @param release rpm release / pacman and apk pkgrel; null when part of {@code version}
 * @param epoch epoch when the manager has one and it is set; null otherwise
 * @param slot Gentoo SLOT (without subslot); null elsewhere
 * @param subslot Gentoo sub-slot; null when absent
 * @param arch architecture ("amd64", "x86_64", "noarch"); null when unknown
 * @param repository origin repository or vendor ("gentoo", "Debian"); null when unknown
 * @param reason why it is installed
 * @param configFiles the configuration files it declares, in the order the format lists them
 */
public record InstalledPackage(
    String name,
    String category,
    String version,
    String release,
    Integer epoch,
    String slot,
    String subslot,
    String arch,
    String repository,
    InstallReason reason,
    List<ConfigFile> configFiles) {

  public InstalledPackage {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    reason = reason == null ? InstallReason.UNKNOWN : reason;
    configFiles = configFiles == null ? List.of() : List.copyOf(configFiles);
  }

  /** category/name for Gentoo, the plain name elsewhere. */
  public String qualifiedName() {
    return category == null ? name : category + "/" + name;
  }

  /**
   * The identity of this package within one server: several slots of one Gentoo package, or several
   * architectures of one dpkg/rpm package (multiarch, multilib), are installed side by side.
   */
  public String key() {
    StringBuilder key = new StringBuilder(qualifiedName());
    if (slot != null) {
      key.append(':').append(slot);
    }
    if (arch != null && category == null) {
      key.append('.').append(arch);
    }
    return key.toString();
  }

  /** The full version the manager prints: [epoch:]version[-release]. */
  public String fullVersion() {
    StringBuilder full = new StringBuilder();
    if (epoch != null) {
      full.append(epoch).append(':');
    }
    full.append(version);
    if (release != null) {
      full.append('-').append(release);
    }
    return full.toString();
  }

  /** A builder for the parsers, which learn the fields one by one. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Mutable builder; {@link #build()} validates like the canonical constructor. */
  public static final class Builder {
    private final String name;
    private String category;
    private String version;
    private String release;
    private Integer epoch;
    private String slot;
    private String subslot;
    private String arch;
    private String repository;
    private InstallReason reason = InstallReason.UNKNOWN;
    private List<ConfigFile> configFiles = List.of();

    private Builder(String name) {
      this.name = name;
    }

    public Builder category(String category) {
      this.category = category;
      return this;
    }

    public Builder version(String version) {
      this.version = version;
      return this;
    }

    public Builder release(String release) {
      this.release = release;
      return this;
    }

    public Builder epoch(Integer epoch) {
      this.epoch = epoch;
      return this;
    }

    public Builder slot(String slot) {
      this.slot = slot;
      return this;
    }

    public Builder subslot(String subslot) {
      this.subslot = subslot;
      return this;
    }

    public Builder arch(String arch) {
      this.arch = arch;
      return this;
    }

    public Builder repository(String repository) {
      this.repository = repository;
      return this;
    }

    public Builder reason(InstallReason reason) {
      this.reason = reason;
      return this;
    }

    public Builder configFiles(List<ConfigFile> configFiles) {
      this.configFiles = configFiles;
      return this;
    }

    public InstalledPackage build() {
      return new InstalledPackage(
          name,
          category,
          version,
          release,
          epoch,
          slot,
          subslot,
          arch,
          repository,
          reason,
          configFiles);
    }
  }
}
