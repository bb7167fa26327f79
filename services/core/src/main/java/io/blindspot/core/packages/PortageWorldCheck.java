package io.blindspot.core.packages;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code emaint --check world} tells: world atoms that match no installed package (a rebuild
 * from that world would fail or pull something else), and, for each world atom, the installed slots
 * it stands for (a rebuild must bring every one of them back, not only the newest).
 */
public final class PortageWorldCheck {

  private PortageWorldCheck() {}

  /**
   * @param atom the world-file line
   * @param installed the installed packages it matches, as {@code =category/name-version:slot}
   */
  public record AtomCheck(String atom, List<String> installed) {
    public boolean matchesNothing() {
      return installed.isEmpty();
    }
  }

  /** One entry per world atom, in the world file's order; set references (@foo) are skipped. */
  public static List<AtomCheck> check(PackageSet set) {
    List<AtomCheck> checks = new ArrayList<>();
    for (String line : set.world()) {
      PortageAtom atom = PortageAtom.parse(line);
      if (atom == null) {
        if (!line.strip().startsWith("@")) {
          checks.add(new AtomCheck(line, List.of()));
        }
        continue;
      }
      List<String> installed = new ArrayList<>();
      for (InstalledPackage p : set.packages()) {
        if (atom.matches(p.category(), p.name(), p.slot(), p.subslot())) {
          installed.add(
              "="
                  + p.qualifiedName()
                  + "-"
                  + p.version()
                  + (p.slot() == null ? "" : ":" + p.slot()));
        }
      }
      checks.add(new AtomCheck(line, installed));
    }
    return checks;
  }
}
