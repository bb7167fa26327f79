package io.blindspot.core.backup.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootTreeGeneratorTest {

  @Test
  void walkOfTheGeneratedTreeIsExactlyItsPathList(@TempDir Path tmp) {
    RootTreeGenerator.Tree tree = RootTreeGenerator.generate(tmp.resolve("root"), 42);
    assertThat(RootTreeGenerator.walk(tree.root()))
        .containsExactlyInAnyOrderElementsOf(tree.paths());
    assertThat(tree.paths()).contains("/", "/var/db/pkg/", "/var/cache/app/CACHEDIR.TAG");
    assertThat(tree.realPaths().get(0)).isEqualTo(tree.root() + "/");
    assertThat(tree.facts().symlinks()).isNotEmpty();
    assertThat(tree.paths().stream().filter(p -> p.endsWith(".rsync-filter"))).isNotEmpty();
  }

  @Test
  void sameSeedSameTree(@TempDir Path tmp) {
    RootTreeGenerator.Tree a = RootTreeGenerator.generate(tmp.resolve("a"), 7);
    RootTreeGenerator.Tree b = RootTreeGenerator.generate(tmp.resolve("b"), 7);
    assertThat(a.paths()).isEqualTo(b.paths());
    assertThat(a.facts()).isEqualTo(b.facts());
  }
}
