package io.blindspot.core.packages;

import java.util.regex.Pattern;

/**
 * The parts of a Portage atom ({@code >=dev-lang/python-3.12:3.12/3.12t::gentoo[sqlite]}) needed to
 * tell whether an installed package is in the world file, plus PMS's name/version split of {@code
 * PF}.
 *
 * @param category "dev-lang"
 * @param name "python"
 * @param slot slot constraint, null for any
 * @param subslot sub-slot constraint, null for any
 */
record PortageAtom(String category, String name, String slot, String subslot) {

  /**
   * PMS 3.2 version syntax, including the revision. Kept here rather than reusing
   * io.blindspot.core.versions.GentooVersion because versions depends on this package.
   */
  private static final Pattern VERSION =
      Pattern.compile("[0-9]+(\\.[0-9]+)*[a-z]?((_alpha|_beta|_pre|_rc|_p)[0-9]*)*(-r[0-9]+)?");

  /**
   * Splits {@code name-version} (PF, or an atom body after an operator) at the hyphen where a valid
   * PMS version starts; PMS forbids names ending in such a string, so at most one hyphen qualifies.
   * Returns null when none does.
   */
  static String[] splitNameVersion(String nameVersion) {
    for (int hyphen = nameVersion.indexOf('-');
        hyphen >= 0;
        hyphen = nameVersion.indexOf('-', hyphen + 1)) {
      if (hyphen == 0) {
        continue;
      }
      String version = nameVersion.substring(hyphen + 1);
      if (!version.isEmpty()
          && Character.isDigit(version.charAt(0))
          && VERSION.matcher(version).matches()) {
        return new String[] {nameVersion.substring(0, hyphen), version};
      }
    }
    return null;
  }

  /**
   * Parses one world-file atom; null for things that can never match a package (blockers, set
   * references, garbage), which the world file should not hold anyway.
   *
   * <p>A version constraint ({@code >=cat/pkg-1.2}) is dropped: portage itself writes only
   * unversioned atoms to world, so a versioned one was hand-edited, and what it tells us is that
   * the operator wants that package.
   */
  static PortageAtom parse(String atom) {
    String a = atom.strip();
    if (a.isEmpty() || a.startsWith("!") || a.startsWith("@")) {
      return null;
    }
    int use = a.indexOf('[');
    if (use >= 0) {
      a = a.substring(0, use);
    }
    int repo = a.indexOf("::");
    if (repo >= 0) {
      a = a.substring(0, repo);
    }
    String slot = null;
    String subslot = null;
    int colon = a.indexOf(':');
    if (colon >= 0) {
      String slotPart = a.substring(colon + 1);
      a = a.substring(0, colon);
      // Slot operators (":*", ":=") say nothing about which slot; strip a trailing '='.
      slotPart = slotPart.endsWith("=") ? slotPart.substring(0, slotPart.length() - 1) : slotPart;
      if (!slotPart.isEmpty() && !slotPart.equals("*")) {
        int slash = slotPart.indexOf('/');
        slot = slash < 0 ? slotPart : slotPart.substring(0, slash);
        subslot = slash < 0 ? null : slotPart.substring(slash + 1);
      }
    }
    boolean versioned = false;
    for (String operator : new String[] {"<=", ">=", "<", ">", "=", "~"}) {
      if (a.startsWith(operator)) {
        a = a.substring(operator.length());
        versioned = true;
        break;
      }
    }
    int slash = a.indexOf('/');
    if (slash <= 0 || slash != a.lastIndexOf('/') || slash == a.length() - 1) {
      return null;
    }
    String category = a.substring(0, slash);
    String name = a.substring(slash + 1);
    if (versioned) {
      String[] split =
          splitNameVersion(name.endsWith("*") ? name.substring(0, name.length() - 1) : name);
      if (split == null) {
        return null;
      }
      name = split[0];
    }
    return new PortageAtom(category, name, slot, subslot);
  }

  boolean matches(
      String packageCategory, String packageName, String packageSlot, String packageSubslot) {
    return category.equals(packageCategory)
        && name.equals(packageName)
        && (slot == null || slot.equals(packageSlot))
        && (subslot == null || subslot.equals(packageSubslot));
  }
}
