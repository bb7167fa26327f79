package io.blindspot.core.packages;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a tar (gzip optional) of pacman's local database (media type {@code
 * application/x-pacman-local}), as made by {@code tar -C / -czf - var/lib/pacman/local}: one
 * directory {@code var/lib/pacman/local/<name>-<pkgver>-<pkgrel>/} per package holding {@code desc}
 * and usually {@code files}; other entries ({@code mtree}, {@code install}, {@code
 * ALPM_DB_VERSION}) are ignored.
 *
 * <p>Both files are sections: a {@code %NAME%} header line, value lines, a blank line.
 *
 * <ul>
 *   <li>{@code desc}: {@code %NAME%}, {@code %VERSION%} ({@code [epoch:]pkgver-pkgrel}, split into
 *       epoch, version and release so {@link InstalledPackage#fullVersion()} prints it back),
 *       {@code %ARCH%}, {@code %REASON%} ({@code 1} = installed as a dependency; {@code 0} or
 *       absent = explicitly). The directory name must be {@code NAME-VERSION}, as libalpm expects.
 *   <li>{@code files}: {@code %BACKUP%} lines are {@code path<TAB>md5}, pacman's config files;
 *       paths are relative to {@code /} and get the slash prepended. {@code %FILES%} is skipped.
 * </ul>
 *
 * <p>The local database keeps no sync repository, so the repository is null. {@link
 * PackageSet#world()} lists the explicitly installed names. Errors name the tar entry and line.
 */
public final class PacmanLocalParser implements PackageFormatParser {

  static final long MAX_DESC_BYTES = 4L << 20;
  static final long MAX_FILES_BYTES = 64L << 20;
  private static final String LOCAL = "var/lib/pacman/local/";

  @Override
  public PackageSet parse(InputStream in) throws PackageFormatException, IOException {
    // Few thousand packages at most, each small once %FILES% is dropped: keep them all, since
    // desc and files may come in either order.
    Map<String, PackageDir> dirs = new LinkedHashMap<>();
    try (TarEntries tar = new TarEntries(in)) {
      try {
        for (String entry = tar.next(); entry != null; entry = tar.next()) {
          if (!entry.startsWith(LOCAL)) {
            continue;
          }
          String[] parts = entry.substring(LOCAL.length()).split("/", -1);
          if (parts.length != 2) {
            continue;
          }
          switch (parts[1]) {
            case "desc" ->
                dirs.computeIfAbsent(parts[0], PackageDir::new)
                    .readDesc(entry, tar.lines(MAX_DESC_BYTES));
            case "files" ->
                dirs.computeIfAbsent(parts[0], PackageDir::new)
                    .readFiles(entry, tar.lines(MAX_FILES_BYTES));
            default -> {
              // mtree, install, changelog: nothing Blindspot maps
            }
          }
        }
      } catch (IOException e) {
        throw tar.brokenArchive(e);
      }
    }
    if (dirs.isEmpty()) {
      throw new PackageFormatException(
          null, 0, "no " + LOCAL + "<package>/desc entries: not a pacman local database archive");
    }
    List<InstalledPackage> packages = new ArrayList<>(dirs.size());
    List<String> explicit = new ArrayList<>();
    for (PackageDir dir : dirs.values()) {
      InstalledPackage p = dir.toPackage();
      packages.add(p);
      if (p.reason() == InstallReason.EXPLICIT) {
        explicit.add(p.name());
      }
    }
    return new PackageSet(PackageManager.PACMAN, packages, explicit, List.of());
  }

  /** Reads {@code %SECTION%} blocks; calls {@code onValue} for each value line with its section. */
  private static void readSections(String entry, BufferedReader reader, SectionValue onValue)
      throws IOException, PackageFormatException {
    String section = null;
    int lineNumber = 0;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      lineNumber++;
      if (line.isEmpty()) {
        section = null;
      } else if (section == null) {
        if (line.length() < 3 || !line.startsWith("%") || !line.endsWith("%")) {
          throw new PackageFormatException(
              entry, lineNumber, "expected a %SECTION% header, got: " + line);
        }
        section = line.substring(1, line.length() - 1);
      } else {
        onValue.accept(section, line, lineNumber);
      }
    }
  }

  @FunctionalInterface
  private interface SectionValue {
    void accept(String section, String value, int line) throws PackageFormatException;
  }

  /** One {@code <name>-<pkgver>-<pkgrel>} directory. */
  private static final class PackageDir {
    final String dir;
    String descEntry;
    String name;
    String version;
    int versionLine;
    String arch;
    String reason;
    int reasonLine;
    final List<ConfigFile> backup = new ArrayList<>();

    PackageDir(String dir) {
      this.dir = dir;
    }

    void readDesc(String entry, BufferedReader reader) throws IOException, PackageFormatException {
      descEntry = entry;
      readSections(
          entry,
          reader,
          (section, value, line) -> {
            switch (section) {
              case "NAME" -> name = single(entry, section, name, value, line);
              case "VERSION" -> {
                version = single(entry, section, version, value, line);
                versionLine = line;
              }
              case "ARCH" -> arch = single(entry, section, arch, value, line);
              case "REASON" -> {
                reason = single(entry, section, reason, value, line);
                reasonLine = line;
              }
              default -> {
                // DESC, DEPENDS, VALIDATION, ...: nothing Blindspot maps
              }
            }
          });
    }

    void readFiles(String entry, BufferedReader reader) throws IOException, PackageFormatException {
      readSections(
          entry,
          reader,
          (section, value, line) -> {
            if (!section.equals("BACKUP")) {
              return;
            }
            int tab = value.lastIndexOf('\t');
            if (tab <= 0) {
              throw new PackageFormatException(
                  entry, line, "%BACKUP% line needs 'path<TAB>md5', got: " + value);
            }
            String md5 = value.substring(tab + 1);
            backup.add(
                new ConfigFile(
                    "/" + value.substring(0, tab), md5.isEmpty() ? null : "md5", emptyToNull(md5)));
          });
    }

    private static String single(
        String entry, String section, String current, String value, int line)
        throws PackageFormatException {
      if (current != null) {
        throw new PackageFormatException(entry, line, "%" + section + "% has more than one value");
      }
      return value;
    }

    InstalledPackage toPackage() throws PackageFormatException {
      String where = LOCAL + dir + "/desc";
      if (descEntry == null) {
        throw new PackageFormatException(LOCAL + dir, 0, "package directory has no desc file");
      }
      if (name == null || version == null) {
        throw new PackageFormatException(
            where, 0, "desc needs %NAME% and %VERSION% (package directory " + dir + ")");
      }
      if (!dir.equals(name + "-" + version)) {
        throw new PackageFormatException(
            where, 0, "directory '" + dir + "' does not match " + name + "-" + version);
      }
      InstallReason installReason;
      if (reason == null || reason.equals("0")) {
        installReason = InstallReason.EXPLICIT;
      } else if (reason.equals("1")) {
        installReason = InstallReason.DEPENDENCY;
      } else {
        throw new PackageFormatException(
            where, reasonLine, "%REASON% must be 0 or 1, got '" + reason + "'");
      }
      InstalledPackage.Builder builder =
          InstalledPackage.builder(name).arch(arch).reason(installReason).configFiles(backup);
      String rest = version;
      int colon = rest.indexOf(':');
      if (colon > 0 && rest.substring(0, colon).chars().allMatch(c -> c >= '0' && c <= '9')) {
        if (colon > 9) {
          throw new PackageFormatException(where, versionLine, "epoch too large: " + version);
        }
        builder.epoch(Integer.parseInt(rest.substring(0, colon)));
        rest = rest.substring(colon + 1);
      }
      int hyphen = rest.lastIndexOf('-');
      if (hyphen > 0 && hyphen < rest.length() - 1) {
        builder.version(rest.substring(0, hyphen)).release(rest.substring(hyphen + 1));
      } else {
        builder.version(rest);
      }
      return builder.build();
    }

    private static String emptyToNull(String s) {
      return s.isEmpty() ? null : s;
    }
  }
}
