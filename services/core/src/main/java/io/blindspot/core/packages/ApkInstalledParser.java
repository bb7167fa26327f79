package io.blindspot.core.packages;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses Alpine's {@code /lib/apk/db/installed} (media type {@code text/x-apk-installed}) as it
 * sits on disk: one paragraph per package, separated by blank lines, of {@code X:value} lines where
 * {@code X} is a single field letter ({@code P} name, {@code V} version, {@code A} arch, {@code o}
 * origin, {@code F} folder, {@code R} file in the last folder, {@code Z} checksum of the last file,
 * and many more that Blindspot does not map).
 *
 * <p>Mapping:
 *
 * <ul>
 *   <li>{@code V:1.2.3-r4} becomes version {@code "1.2.3"} and release {@code "r4"} (apk's pkgrel,
 *       with its {@code r}), so {@link InstalledPackage#fullVersion()} prints apk's version back
 *       exactly; a version without {@code -rN} keeps a null release.
 *   <li>Config files are the files under {@code /etc}: folder ({@code F}, relative to {@code /})
 *       plus file name ({@code R}), with the {@code Z} checksum kept in apk's own encoding ({@code
 *       Q1} + base64 sha1, algorithm {@code sha1}; {@code Q2} is sha256 in apk 3). A file without a
 *       checksum keeps a null one.
 *   <li>apk records explicit installs in {@code /etc/apk/world}, not here, so the reason is {@link
 *       InstallReason#UNKNOWN}. The database keeps no repository either.
 * </ul>
 *
 * <p>Errors name the line: a line that is not {@code X:value}, a {@code Z} without a file; and a
 * package without {@code P} or {@code V} (by name, or by the line its paragraph starts on).
 */
public final class ApkInstalledParser implements PackageFormatParser {

  private static final String ETC = "/etc/";

  @Override
  public PackageSet parse(InputStream in) throws PackageFormatException, IOException {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    List<InstalledPackage> packages = new ArrayList<>();
    Paragraph paragraph = new Paragraph();
    int lineNumber = 0;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      lineNumber++;
      if (line.isEmpty()) {
        paragraph.finish(packages);
        paragraph = new Paragraph();
        continue;
      }
      if (line.length() < 2 || line.charAt(1) != ':' || line.charAt(0) <= ' ') {
        throw new PackageFormatException(null, lineNumber, "expected 'X:value', got: " + line);
      }
      paragraph.field(line.charAt(0), line.substring(2), lineNumber);
    }
    paragraph.finish(packages);
    return new PackageSet(PackageManager.APK, packages, List.of(), List.of());
  }

  /**
   * Splits {@code 1.2.3-r4} into {@code 1.2.3} and {@code r4}; null release without {@code -rN}.
   */
  static String[] splitRelease(String version) {
    int hyphen = version.lastIndexOf("-r");
    if (hyphen > 0 && hyphen + 2 < version.length()) {
      boolean digits = true;
      for (int i = hyphen + 2; i < version.length(); i++) {
        char c = version.charAt(i);
        digits &= c >= '0' && c <= '9';
      }
      if (digits) {
        return new String[] {version.substring(0, hyphen), version.substring(hyphen + 1)};
      }
    }
    return new String[] {version, null};
  }

  /** One package paragraph; file lines refer to the last folder and the last file. */
  private static final class Paragraph {
    private int startLine;
    private String name;
    private String version;
    private String arch;
    private String folder = "";
    private String file;
    private String fileChecksum;
    private final List<ConfigFile> configFiles = new ArrayList<>();

    void field(char key, String value, int line) throws PackageFormatException {
      if (startLine == 0) {
        startLine = line;
      }
      switch (key) {
        case 'P' -> name = once(name, value, "P", line);
        case 'V' -> version = once(version, value, "V", line);
        case 'A' -> arch = value;
        case 'F' -> {
          flushFile();
          folder = value;
        }
        case 'R' -> {
          flushFile();
          if (value.isEmpty() || value.contains("/")) {
            throw new PackageFormatException(
                null, line, "R: must name a file in the current folder, got '" + value + "'");
          }
          file = value;
        }
        case 'Z' -> {
          if (file == null) {
            throw new PackageFormatException(null, line, "Z: checksum without a preceding R: file");
          }
          fileChecksum = value;
        }
        default -> {
          // C, S, I, T, U, L, o, m, t, c, D, p, i, r, q, a, M, ...: nothing Blindspot maps.
        }
      }
    }

    private String once(String current, String value, String key, int line)
        throws PackageFormatException {
      if (current != null) {
        throw new PackageFormatException(
            null,
            line,
            "second " + key + ": line in package '" + (name == null ? value : name) + "'");
      }
      return value;
    }

    private void flushFile() {
      if (file == null) {
        return;
      }
      String path = folder.isEmpty() ? "/" + file : "/" + folder + "/" + file;
      if (path.startsWith(ETC)) {
        String algorithm = null;
        if (fileChecksum != null && fileChecksum.startsWith("Q1")) {
          algorithm = "sha1";
        } else if (fileChecksum != null && fileChecksum.startsWith("Q2")) {
          algorithm = "sha256";
        }
        configFiles.add(new ConfigFile(path, algorithm, fileChecksum));
      }
      file = null;
      fileChecksum = null;
    }

    void finish(List<InstalledPackage> into) throws PackageFormatException {
      if (startLine == 0) {
        return;
      }
      flushFile();
      if (name == null || name.isEmpty()) {
        throw new PackageFormatException(
            null, startLine, "package entry starting here has no P: (name) line");
      }
      if (version == null || version.isEmpty()) {
        throw new PackageFormatException(
            null, startLine, "package '" + name + "' has no V: (version) line");
      }
      String[] split = splitRelease(version);
      into.add(
          InstalledPackage.builder(name)
              .version(split[0])
              .release(split[1])
              .arch(arch)
              .reason(InstallReason.UNKNOWN)
              .configFiles(configFiles)
              .build());
    }
  }
}
