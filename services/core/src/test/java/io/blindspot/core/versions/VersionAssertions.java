package io.blindspot.core.versions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;

/** Shared checks: "a < b < c" chains and pairs, tested in both directions. */
final class VersionAssertions {

  private VersionAssertions() {}

  /** Each version is strictly older than the next, and (transitively) than all later ones. */
  static void assertAscending(Comparator<String> order, String... versions) {
    for (int i = 0; i < versions.length; i++) {
      for (int j = i + 1; j < versions.length; j++) {
        assertThat(Integer.signum(order.compare(versions[i], versions[j])))
            .as("%s < %s", versions[i], versions[j])
            .isEqualTo(-1);
        assertThat(Integer.signum(order.compare(versions[j], versions[i])))
            .as("%s > %s", versions[j], versions[i])
            .isEqualTo(1);
      }
    }
  }

  /** {@code relation} is one of "<", "=", ">". */
  static void assertRelation(Comparator<String> order, String a, String relation, String b) {
    int expected =
        switch (relation) {
          case "<" -> -1;
          case "=" -> 0;
          case ">" -> 1;
          default -> throw new IllegalArgumentException(relation);
        };
    assertThat(Integer.signum(order.compare(a, b)))
        .as("%s %s %s", a, relation, b)
        .isEqualTo(expected);
    assertThat(Integer.signum(order.compare(b, a)))
        .as("%s vs %s reversed", b, a)
        .isEqualTo(-expected);
  }

  /** Sorting a shuffled copy gives back {@code ascending}. */
  static void assertSorts(Comparator<String> order, List<String> ascending) {
    List<String> shuffled = new java.util.ArrayList<>(ascending);
    java.util.Collections.shuffle(shuffled, new java.util.Random(1));
    shuffled.sort(order);
    assertThat(shuffled).containsExactlyElementsOf(ascending);
  }
}
