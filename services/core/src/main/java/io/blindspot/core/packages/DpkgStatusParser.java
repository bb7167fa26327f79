package io.blindspot.core.packages;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses dpkg's {@code /var/lib/dpkg/status} (media type {@code text/x-dpkg-status}) as it sits on
 * disk: paragraphs of RFC 822-style {@code Field: value} lines, separated by blank lines, with
 * continuation lines starting with a space or tab.
 *
 * <p>Mapping decisions:
 *
 * <ul>
 *   <li>Installed means the third word of {@code Status} is {@code installed}, {@code
 *       triggers-pending} or {@code triggers-awaited}: the files are on disk in each case. The
 *       selection (first word: install, hold, deinstall, purge) is what the operator wants next,
 *       not what is there, so it does not matter: a package marked {@code deinstall} that is still
 *       {@code installed} still has files to back up. Entries in {@code config-files}, {@code
 *       half-installed}, {@code unpacked}, {@code half-configured} and {@code not-installed} are
 *       skipped.
 *   <li>{@code Version: 1:2.3-4} becomes epoch 1 and version {@code "2.3-4"}: dpkg's Debian
 *       revision stays inside {@link InstalledPackage#version()} and {@code release} is null,
 *       because dpkg has no separate release field and the revision is optional (a native package
 *       has none). {@link InstalledPackage#fullVersion()} therefore prints dpkg's version back
 *       exactly, including an explicit {@code 0:} epoch should one ever be written.
 *   <li>{@code Conffiles} lines are {@code <path> <md5>[ obsolete][ remove-on-upgrade]}, parsed
 *       from the end as dpkg does, so a path may contain spaces. Obsolete and remove-on-upgrade
 *       conffiles are kept: they are still on disk and still changed by the operator. dpkg's
 *       placeholder hash {@code newconffile} (a conffile unpacked but never configured) becomes a
 *       null checksum.
 *   <li>The status file does not record why a package was installed (apt keeps that in
 *       extended_states), so the reason is {@link InstallReason#UNKNOWN}.
 *   <li>The repository is the optional {@code Origin} field, usually absent.
 * </ul>
 *
 * <p>Errors: a line that is neither a field nor a continuation names its line number; an installed
 * entry without Version names the package; an entry without Package names the line its paragraph
 * starts on. Entries that are not installed may lack a Version (dpkg drops it for not-installed
 * packages it still remembers), so that is only an error for installed ones.
 */
public final class DpkgStatusParser implements PackageFormatParser {

  // A single-file format: errors carry only the line.
  private static final String ENTRY = null;

  @Override
  public PackageSet parse(InputStream in) throws PackageFormatException, IOException {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    List<InstalledPackage> packages = new ArrayList<>();
    Paragraph paragraph = new Paragraph();
    String line;
    int lineNumber = 0;
    while ((line = reader.readLine()) != null) {
      lineNumber++;
      if (line.isBlank()) {
        paragraph.finish(packages);
        paragraph = new Paragraph();
        continue;
      }
      char first = line.charAt(0);
      if (first == ' ' || first == '\t') {
        paragraph.continuation(line, lineNumber);
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || !isFieldName(line, colon)) {
        throw new PackageFormatException(
            ENTRY, lineNumber, "expected 'Field: value' or a continuation line, got: " + line);
      }
      paragraph.field(line.substring(0, colon), line.substring(colon + 1).strip(), lineNumber);
    }
    paragraph.finish(packages);
    return new PackageSet(PackageManager.DPKG, packages, List.of(), List.of());
  }

  /** dpkg field names: printable, no whitespace, not starting with '#' or '-'. */
  private static boolean isFieldName(String line, int colon) {
    char first = line.charAt(0);
    if (first == '#' || first == '-') {
      return false;
    }
    for (int i = 0; i < colon; i++) {
      char c = line.charAt(i);
      if (c <= ' ' || c > '~') {
        return false;
      }
    }
    return true;
  }

  /** Parses {@code [epoch:]rest}; the rest (upstream and revision) stays one string. */
  private static InstalledPackage.Builder versionInto(
      InstalledPackage.Builder builder, String version, String what, int line)
      throws PackageFormatException {
    int colon = version.indexOf(':');
    if (colon < 0) {
      return builder.version(version);
    }
    String epoch = version.substring(0, colon);
    if (epoch.isEmpty()
        || epoch.length() > 9
        || !epoch.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new PackageFormatException(
          ENTRY, line, what + ": epoch in version '" + version + "' is not a number");
    }
    if (colon == version.length() - 1) {
      throw new PackageFormatException(
          ENTRY, line, what + ": nothing after the epoch in version '" + version + "'");
    }
    return builder.epoch(Integer.parseInt(epoch)).version(version.substring(colon + 1));
  }

  /** One paragraph being read; keeps only the fields Blindspot maps. */
  private static final class Paragraph {
    private int startLine;
    private String currentField;
    private String packageName;
    private String status;
    private String version;
    private int versionLine;
    private String architecture;
    private String origin;
    private boolean inConffiles;
    private final List<ConfigFile> conffiles = new ArrayList<>();
    private final Set<String> seenFields = new HashSet<>();

    void field(String name, String value, int line) throws PackageFormatException {
      if (startLine == 0) {
        startLine = line;
      }
      String key = name.toLowerCase(Locale.ROOT);
      if (!seenFields.add(key)) {
        throw new PackageFormatException(
            ENTRY, line, "duplicate field '" + name + "' in " + describe());
      }
      currentField = name;
      inConffiles = false;
      switch (key) {
        case "package" -> packageName = value;
        case "status" -> status = value;
        case "version" -> {
          version = value;
          versionLine = line;
        }
        case "architecture" -> architecture = value;
        case "origin" -> origin = value;
        case "conffiles" -> {
          inConffiles = true;
          if (!value.isEmpty()) {
            throw new PackageFormatException(
                ENTRY, line, "Conffiles must start on the next line in " + describe());
          }
        }
        default -> {
          // Other fields (Depends, Description, ...) carry nothing Blindspot maps.
        }
      }
    }

    void continuation(String line, int lineNumber) throws PackageFormatException {
      if (currentField == null) {
        throw new PackageFormatException(
            ENTRY, lineNumber, "continuation line before any field: " + line);
      }
      if (inConffiles) {
        conffiles.add(conffile(line.strip(), lineNumber));
      }
    }

    private ConfigFile conffile(String text, int lineNumber) throws PackageFormatException {
      // dpkg reads a conffile line from the end: optional flags, then the hash, the rest is the
      // path (which may contain spaces).
      int end = text.length();
      while (true) {
        int space = text.lastIndexOf(' ', end - 1);
        String word = text.substring(space + 1, end);
        if (space > 0 && (word.equals("obsolete") || word.equals("remove-on-upgrade"))) {
          end = space;
          continue;
        }
        if (space <= 0) {
          throw new PackageFormatException(
              ENTRY,
              lineNumber,
              "conffile line needs '<path> <md5>' in " + describe() + ": " + text);
        }
        String path = text.substring(0, space).strip();
        if (!path.startsWith("/")) {
          throw new PackageFormatException(
              ENTRY, lineNumber, "conffile path is not absolute in " + describe() + ": " + path);
        }
        String checksum = word.equals("newconffile") ? null : word;
        return new ConfigFile(path, checksum == null ? null : "md5", checksum);
      }
    }

    private String describe() {
      return packageName != null
          ? "package '" + packageName + "'"
          : "the entry starting at line " + startLine;
    }

    void finish(List<InstalledPackage> into) throws PackageFormatException {
      if (startLine == 0) {
        return; // several blank lines in a row
      }
      if (packageName == null || packageName.isEmpty()) {
        throw new PackageFormatException(ENTRY, startLine, "entry without Package field");
      }
      if (!isInstalled()) {
        return;
      }
      if (version == null || version.isEmpty()) {
        throw new PackageFormatException(
            ENTRY, startLine, "installed package '" + packageName + "' has no Version field");
      }
      InstalledPackage.Builder builder =
          InstalledPackage.builder(packageName)
              .arch(architecture)
              .repository(origin)
              .reason(InstallReason.UNKNOWN)
              .configFiles(conffiles);
      into.add(versionInto(builder, version, describe(), versionLine).build());
    }

    private boolean isInstalled() throws PackageFormatException {
      if (status == null) {
        throw new PackageFormatException(
            ENTRY, startLine, "package '" + packageName + "' has no Status field");
      }
      String[] words = status.split("\\s+");
      if (words.length != 3) {
        throw new PackageFormatException(
            ENTRY,
            startLine,
            "package '" + packageName + "': Status needs 'want flag status', got: " + status);
      }
      return switch (words[2]) {
        case "installed", "triggers-pending", "triggers-awaited" -> true;
        default -> false;
      };
    }
  }
}
