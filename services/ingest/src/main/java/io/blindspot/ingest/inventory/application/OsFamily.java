package io.blindspot.ingest.inventory.application;

import java.util.Locale;
import java.util.Map;

/**
 * The distribution family of an os-release: what decides which package formats, paths and backup
 * conventions apply. Derived from ID, then each ID_LIKE word in order (ID_LIKE lists the closest
 * relative first); an unknown distribution is a family of its own, named by its ID.
 */
public final class OsFamily {

  private static final Map<String, String> FAMILY_BY_ID =
      Map.ofEntries(
          Map.entry("debian", "debian"),
          Map.entry("ubuntu", "debian"),
          Map.entry("raspbian", "debian"),
          Map.entry("linuxmint", "debian"),
          Map.entry("devuan", "debian"),
          Map.entry("gentoo", "gentoo"),
          Map.entry("funtoo", "gentoo"),
          Map.entry("rhel", "rhel"),
          Map.entry("centos", "rhel"),
          Map.entry("fedora", "rhel"),
          Map.entry("rocky", "rhel"),
          Map.entry("almalinux", "rhel"),
          Map.entry("ol", "rhel"),
          Map.entry("amzn", "rhel"),
          Map.entry("alpine", "alpine"),
          Map.entry("arch", "arch"),
          Map.entry("manjaro", "arch"),
          Map.entry("endeavouros", "arch"),
          Map.entry("suse", "suse"),
          Map.entry("sles", "suse"),
          Map.entry("opensuse", "suse"),
          Map.entry("opensuse-leap", "suse"),
          Map.entry("opensuse-tumbleweed", "suse"));

  private OsFamily() {}

  public static String of(String id, String idLike) {
    String normalisedId = id.strip().toLowerCase(Locale.ROOT);
    String family = FAMILY_BY_ID.get(normalisedId);
    if (family == null && idLike != null) {
      for (String like : idLike.toLowerCase(Locale.ROOT).split("\\s+")) {
        family = FAMILY_BY_ID.get(like);
        if (family != null) {
          break;
        }
      }
    }
    return family != null ? family : normalisedId;
  }
}
