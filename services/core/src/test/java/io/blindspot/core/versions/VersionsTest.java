package io.blindspot.core.versions;

import static io.blindspot.core.versions.VersionAssertions.assertSorts;
import static org.assertj.core.api.Assertions.assertThat;

import io.blindspot.core.packages.PackageManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VersionsTest {

  @Test
  void eachManagerGetsItsOwnOrdering() {
    assertThat(Versions.comparatorFor(PackageManager.PORTAGE)).isSameAs(GentooVersion.INSTANCE);
    assertThat(Versions.comparatorFor(PackageManager.DPKG)).isSameAs(DebianVersion.INSTANCE);
    assertThat(Versions.comparatorFor(PackageManager.RPM)).isSameAs(RpmVersion.INSTANCE);
    assertThat(Versions.comparatorFor(PackageManager.APK)).isSameAs(ApkVersion.INSTANCE);
    assertThat(Versions.comparatorFor(PackageManager.PACMAN)).isSameAs(AlpmVersion.INSTANCE);
  }

  @ParameterizedTest
  @EnumSource(PackageManager.class)
  void comparatorKnowsItsManager(PackageManager manager) {
    assertThat(Versions.comparatorFor(manager).manager()).isEqualTo(manager);
  }

  @Test
  void fullVersionsSortPerManager() {
    assertSorts(
        Versions.comparatorFor(PackageManager.PORTAGE),
        List.of("6.1.69", "6.6.13_rc1", "6.6.13", "6.6.13-r1", "6.6.13_p1", "6.6.14"));
    assertSorts(
        Versions.comparatorFor(PackageManager.DPKG),
        List.of("2.36-9", "2.36-9+deb12u1", "2.36-9+deb12u14", "2.37~rc1-1", "2.37-1", "1:0.1-1"));
    assertSorts(
        Versions.comparatorFor(PackageManager.APK),
        List.of("1.2.4-r3", "1.2.4-r4", "1.2.4_git20230717-r4", "1.2.5_rc1-r0", "1.2.5-r0"));
    assertSorts(
        Versions.comparatorFor(PackageManager.PACMAN),
        List.of("23.3.4-1", "23.3.5-1", "24.0.1-1", "1:23.3.5-1"));
    assertSorts(
        Versions.comparatorFor(PackageManager.RPM),
        List.of("3.0.7~beta1-1.el9", "3.0.7-24.el9", "3.0.7-27.el9", "1:3.0.1-1.el9"));
  }

  /**
   * Sorting relies on a consistent order even for junk: antisymmetry and transitivity on random
   * strings, including ones no manager would accept.
   */
  @ParameterizedTest
  @EnumSource(
      value = PackageManager.class,
      names = {"PORTAGE", "DPKG", "RPM", "APK"})
  void orderIsTotalOnArbitraryStrings(PackageManager manager) {
    Random random = new Random(manager.ordinal());
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      strings.add(randomString(random, "0123456789abcz.-_~^+:r"));
    }
    strings.add("");
    assertTotalOrder(Versions.comparatorFor(manager), strings);
  }

  /** vercmp has cycles on odd strings (see AlpmVersion), but not on real full versions. */
  @Test
  void pacmanOrderIsTotalOnRealisticFullVersions() {
    Random random = new Random(7);
    String[] pieces = {"0", "1", "2", "10", "a", "b", "rc", "p", "r"};
    List<String> strings = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      // [epoch:]digit{(.|"")piece}-pkgrel, as makepkg writes them
      StringBuilder v = new StringBuilder();
      if (random.nextInt(5) == 0) {
        v.append(random.nextInt(3)).append(':');
      }
      v.append(random.nextInt(10));
      for (int n = random.nextInt(5); n > 0; n--) {
        v.append(random.nextBoolean() ? "." : "").append(pieces[random.nextInt(pieces.length)]);
      }
      strings.add(v.append('-').append(1 + random.nextInt(3)).toString());
    }
    assertTotalOrder(Versions.comparatorFor(PackageManager.PACMAN), strings);
  }

  private static String randomString(Random random, String alphabet) {
    StringBuilder s = new StringBuilder();
    for (int n = random.nextInt(8); n >= 0; n--) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  private static void assertTotalOrder(VersionComparator order, List<String> strings) {
    for (String a : strings) {
      assertThat(order.compare(a, a)).isZero();
      for (String b : strings) {
        int ab = Integer.signum(order.compare(a, b));
        assertThat(Integer.signum(order.compare(b, a))).as("%s vs %s", b, a).isEqualTo(-ab);
        for (String c : strings) {
          if (ab <= 0 && Integer.signum(order.compare(b, c)) <= 0) {
            assertThat(order.compare(a, c)).as("%s <= %s <= %s", a, b, c).isLessThanOrEqualTo(0);
          }
        }
      }
    }
  }
}
