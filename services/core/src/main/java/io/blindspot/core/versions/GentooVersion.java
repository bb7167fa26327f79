package io.blindspot.core.versions;

import io.blindspot.core.packages.PackageManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gentoo's version ordering, PMS section 3.3 (Algorithms 3.1 to 3.7), on {@code PVR} strings such
 * as {@code 6.6.13}, {@code 3.12.1_p1-r2}, {@code 1.0a_beta3_p2}.
 *
 * <p>Grammar (PMS 3.2): {@code
 * [0-9]+(\.[0-9]+)*[a-z]?((_alpha|_beta|_pre|_rc|_p)[0-9]*)*(-r[0-9]+)?}. Order: numeric components
 * (the first as an integer; later ones as integers unless either has a leading zero, then as
 * strings with trailing zeros removed, so {@code 1.01 < 1.1} and {@code 1.010 = 1.01}; more
 * components win), then the letter (having one wins), then suffixes ({@code _alpha < _beta < _pre <
 * _rc < _p}, same suffix by number; an extra suffix wins only if it is {@code _p}), then the
 * revision ({@code -r0} equals none).
 *
 * <p>Strings outside the grammar cannot come from a valid ebuild; they sort before all valid
 * versions, and among themselves by plain string order, so the order stays total.
 */
public final class GentooVersion implements VersionComparator {

  public static final GentooVersion INSTANCE = new GentooVersion();

  /** Suffix types in PMS order. */
  private static final List<String> SUFFIX_ORDER = List.of("alpha", "beta", "pre", "rc", "p");

  private GentooVersion() {}

  @Override
  public PackageManager manager() {
    return PackageManager.PORTAGE;
  }

  @Override
  public boolean isValid(String version) {
    return Parsed.of(version).isPresent();
  }

  @Override
  public int compare(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    Optional<Parsed> pa = Parsed.of(a);
    Optional<Parsed> pb = Parsed.of(b);
    if (pa.isEmpty() || pb.isEmpty()) {
      if (pa.isPresent()) {
        return 1;
      }
      if (pb.isPresent()) {
        return -1;
      }
      return Integer.signum(a.compareTo(b));
    }
    return Integer.signum(compare(pa.get(), pb.get()));
  }

  /** Algorithm 3.1. */
  private static int compare(Parsed a, Parsed b) {
    int c = compareNumbers(a.numbers, b.numbers);
    if (c != 0) {
      return c;
    }
    c = Character.compare(a.letter, b.letter); // no letter is '\0', below every letter
    if (c != 0) {
      return c;
    }
    c = compareSuffixes(a.suffixes, b.suffixes);
    if (c != 0) {
      return c;
    }
    return DigitStrings.compare(a.revision, b.revision);
  }

  /** Algorithms 3.2 and 3.3. */
  private static int compareNumbers(List<String> a, List<String> b) {
    int c = DigitStrings.compare(a.get(0), b.get(0));
    if (c != 0) {
      return c;
    }
    for (int i = 1; i < a.size() && i < b.size(); i++) {
      String x = a.get(i);
      String y = b.get(i);
      if (x.charAt(0) == '0' || y.charAt(0) == '0') {
        c = stripTrailingZeros(x).compareTo(stripTrailingZeros(y));
      } else {
        c = DigitStrings.compare(x, y);
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static String stripTrailingZeros(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '0') {
      end--;
    }
    return s.substring(0, end);
  }

  /** Algorithms 3.5 and 3.6. */
  private static int compareSuffixes(List<Suffix> a, List<Suffix> b) {
    for (int i = 0; i < a.size() && i < b.size(); i++) {
      Suffix x = a.get(i);
      Suffix y = b.get(i);
      int c =
          x.type == y.type
              ? DigitStrings.compare(x.number, y.number)
              : Integer.compare(x.type, y.type);
      if (c != 0) {
        return c;
      }
    }
    if (a.size() > b.size()) {
      return a.get(b.size()).isPatch() ? 1 : -1;
    }
    if (a.size() < b.size()) {
      return b.get(a.size()).isPatch() ? -1 : 1;
    }
    return 0;
  }

  /**
   * @param number digits, "0" when the suffix has none
   */
  private record Suffix(int type, String number) {
    boolean isPatch() {
      return type == SUFFIX_ORDER.indexOf("p");
    }
  }

  /**
   * @param revision digits, "0" when absent
   */
  private record Parsed(List<String> numbers, char letter, List<Suffix> suffixes, String revision) {

    /** A hand-written scanner: this runs for every package in every snapshot diff. */
    static Optional<Parsed> of(String v) {
      int n = v.length();
      int i = 0;
      List<String> numbers = new ArrayList<>(4);
      while (true) {
        int start = i;
        while (i < n && DigitStrings.isDigit(v.charAt(i))) {
          i++;
        }
        if (i == start) {
          return Optional.empty();
        }
        numbers.add(v.substring(start, i));
        if (i < n && v.charAt(i) == '.') {
          i++;
          continue;
        }
        break;
      }
      char letter = 0;
      if (i < n && v.charAt(i) >= 'a' && v.charAt(i) <= 'z') {
        letter = v.charAt(i++);
      }
      List<Suffix> suffixes = new ArrayList<>(0);
      while (i < n && v.charAt(i) == '_') {
        int nameStart = ++i;
        while (i < n && v.charAt(i) >= 'a' && v.charAt(i) <= 'z') {
          i++;
        }
        int type = SUFFIX_ORDER.indexOf(v.substring(nameStart, i));
        if (type < 0) {
          return Optional.empty();
        }
        int numberStart = i;
        while (i < n && DigitStrings.isDigit(v.charAt(i))) {
          i++;
        }
        suffixes.add(new Suffix(type, i == numberStart ? "0" : v.substring(numberStart, i)));
      }
      String revision = "0";
      if (i < n) {
        if (!v.startsWith("-r", i)) {
          return Optional.empty();
        }
        i += 2;
        int start = i;
        while (i < n && DigitStrings.isDigit(v.charAt(i))) {
          i++;
        }
        if (i == start || i != n) {
          return Optional.empty();
        }
        revision = v.substring(start);
      }
      return Optional.of(new Parsed(numbers, letter, suffixes, revision));
    }
  }
}
