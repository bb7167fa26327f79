package io.blindspot.core.packages;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the installed-package list of an rpm system (media type {@code text/x-rpm-qa}), produced
 * with exactly:
 *
 * <pre>
 * rpm -qa --qf '%{NAME}\t%{EPOCHNUM}\t%{VERSION}\t%{RELEASE}\t%{ARCH}\t%{INSTALLTIME}\t%{VENDOR}\n'
 * </pre>
 *
 * <p>({@link #QUERY_FORMAT} holds the {@code --qf} argument.) One package per line, seven
 * tab-separated columns; blank lines are ignored and a trailing {@code \r} is tolerated.
 *
 * <ul>
 *   <li>{@code EPOCHNUM} prints 0 when the package has no epoch, so 0 maps to a null epoch: rpm
 *       compares a missing epoch as 0, so nothing is lost for ordering, and {@code fullVersion()}
 *       prints {@code version-release} as {@code rpm -q} does. A package that declares {@code
 *       Epoch: 0} explicitly cannot be told apart in this format.
 *   <li>version and release stay separate ({@link InstalledPackage#release()}).
 *   <li>{@code VENDOR} becomes the repository; rpm prints {@code (none)} for unset tags, which maps
 *       to null. {@code INSTALLTIME} must be a number but is not kept.
 *   <li>{@code gpg-pubkey} entries are imported signing keys, not packages, and are skipped.
 *   <li>rpm keeps no install reason (dnf does, elsewhere), so it is {@link InstallReason#UNKNOWN};
 *       config files are not part of this format.
 * </ul>
 *
 * <p>Several versions of one name and arch may be installed at once (install-only packages such as
 * {@code kernel-core}), so keys are not unique in the result.
 */
public final class RpmQaParser implements PackageFormatParser {

  /** The {@code rpm -qa --qf} argument this format is defined by (shell-quote it). */
  public static final String QUERY_FORMAT =
      "%{NAME}\\t%{EPOCHNUM}\\t%{VERSION}\\t%{RELEASE}\\t%{ARCH}\\t%{INSTALLTIME}\\t%{VENDOR}\\n";

  private static final int COLUMNS = 7;
  private static final String UNSET = "(none)";

  @Override
  public PackageSet parse(InputStream in) throws PackageFormatException, IOException {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    List<InstalledPackage> packages = new ArrayList<>();
    int lineNumber = 0;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      lineNumber++;
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      if (line.isBlank()) {
        continue;
      }
      String[] columns = line.split("\t", -1);
      if (columns.length != COLUMNS) {
        throw new PackageFormatException(
            null,
            lineNumber,
            "expected "
                + COLUMNS
                + " tab-separated columns (NAME EPOCHNUM VERSION RELEASE ARCH INSTALLTIME VENDOR),"
                + " got "
                + columns.length);
      }
      String name = columns[0];
      if (name.equals("gpg-pubkey")) {
        continue;
      }
      if (name.isEmpty() || columns[2].isEmpty() || columns[3].isEmpty()) {
        throw new PackageFormatException(
            null, lineNumber, "NAME, VERSION and RELEASE must not be empty");
      }
      if (!isNumber(columns[5])) {
        throw new PackageFormatException(
            null, lineNumber, "INSTALLTIME of " + name + " is not a number: '" + columns[5] + "'");
      }
      packages.add(
          InstalledPackage.builder(name)
              .epoch(epoch(columns[1], lineNumber))
              .version(columns[2])
              .release(columns[3])
              .arch(unsetToNull(columns[4]))
              .repository(unsetToNull(columns[6]))
              .reason(InstallReason.UNKNOWN)
              .build());
    }
    return new PackageSet(PackageManager.RPM, packages, List.of(), List.of());
  }

  private static Integer epoch(String column, int lineNumber) throws PackageFormatException {
    if (!isNumber(column) || column.length() > 9) {
      throw new PackageFormatException(
          null, lineNumber, "EPOCHNUM is not a number: '" + column + "'");
    }
    int epoch = Integer.parseInt(column);
    return epoch == 0 ? null : epoch;
  }

  private static boolean isNumber(String s) {
    return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static String unsetToNull(String value) {
    return value.isEmpty() || value.equals(UNSET) ? null : value;
  }
}
