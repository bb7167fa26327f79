package io.blindspot.core.packages;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The upload formats Blindspot accepts, one per media type. The media types are a public contract
 * (agents and the README use them); do not rename.
 */
public enum PackageFormat {
  /** {@code /var/lib/dpkg/status} as-is. */
  DPKG_STATUS("text/x-dpkg-status", PackageManager.DPKG, DpkgStatusParser::new),
  /**
   * A tar (optionally gzip) of {@code var/db/pkg/**} plus {@code var/lib/portage/world} and {@code
   * world_sets}.
   */
  PORTAGE_VDB("application/x-portage-vdb", PackageManager.PORTAGE, PortageVdbParser::new),
  /** Tab-separated {@code rpm -qa --qf} output; see {@link RpmQaParser#QUERY_FORMAT}. */
  RPM_QA("text/x-rpm-qa", PackageManager.RPM, RpmQaParser::new),
  /** Alpine's {@code /lib/apk/db/installed} as-is. */
  APK_INSTALLED("text/x-apk-installed", PackageManager.APK, ApkInstalledParser::new),
  /** A tar (optionally gzip) of {@code var/lib/pacman/local/<name-ver-rel>/{desc,files}}. */
  PACMAN_LOCAL("application/x-pacman-local", PackageManager.PACMAN, PacmanLocalParser::new),
  /** The canonical JSON form of {@link PackageSet}, see {@link PackageSetJson}. */
  CANONICAL_JSON("application/json", null, PackageSetJson::parser);

  private final String mediaType;
  private final PackageManager manager;
  private final Supplier<PackageFormatParser> parser;

  PackageFormat(String mediaType, PackageManager manager, Supplier<PackageFormatParser> parser) {
    this.mediaType = mediaType;
    this.manager = manager;
    this.parser = parser;
  }

  /** The media type (lower case, without parameters) a client sends as Content-Type. */
  public String mediaType() {
    return mediaType;
  }

  /**
   * The package manager this format belongs to; empty for the canonical JSON form, which names its
   * manager inside the document.
   */
  public Optional<PackageManager> manager() {
    return Optional.ofNullable(manager);
  }

  /** A parser for this format. Parsers are stateless and thread-safe. */
  public PackageFormatParser parser() {
    return parser.get();
  }

  /**
   * The format for a Content-Type header value: parameters ({@code ; charset=utf-8}) are ignored,
   * matching is case-insensitive. Empty for null, blank or unknown types.
   */
  public static Optional<PackageFormat> fromMediaType(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    int semicolon = contentType.indexOf(';');
    String bare =
        (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
            .strip()
            .toLowerCase(Locale.ROOT);
    for (PackageFormat format : values()) {
      if (Objects.equals(format.mediaType, bare)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }
}
