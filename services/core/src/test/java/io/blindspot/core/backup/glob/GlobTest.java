package io.blindspot.core.backup.glob;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlobTest {

  @Test
  void gnuFnmatch() {
    assertThat(Glob.fnmatch("*.txt", "a/b.txt", 0)).isTrue();
    assertThat(Glob.fnmatch("*.txt", "a/b.txt", Glob.FNM_PATHNAME)).isFalse();
    assertThat(Glob.fnmatch("a", "a/b/c", Glob.FNM_LEADING_DIR)).isTrue();
    assertThat(Glob.fnmatch("a", "ab", Glob.FNM_LEADING_DIR)).isFalse();
    assertThat(Glob.fnmatch("\\[x]", "[x]", 0)).isTrue();
    assertThat(Glob.fnmatch("\\[x]", "[x]", Glob.FNM_NOESCAPE)).isFalse();
    assertThat(Glob.fnmatch("[!a-c]*", "dog", 0)).isTrue();
    assertThat(Glob.fnmatch("[^a-c]*", "bat", 0)).isFalse();
    assertThat(Glob.fnmatch("[]]", "]", 0)).isTrue();
    assertThat(Glob.fnmatch("[", "[", 0)).isTrue();
    assertThat(Glob.fnmatch("[[:upper:]]*", "Abc", 0)).isTrue();
    assertThat(Glob.fnmatch("caf?", "café", 0)).isTrue();
    assertThat(Glob.fnmatch("DOC*", "documents", Glob.FNM_CASEFOLD)).isTrue();
    assertThat(Glob.fnmatch("*", ".hidden", 0)).isTrue();
    assertThat(Glob.fnmatch("*", ".hidden", Glob.FNM_PERIOD)).isFalse();
  }

  @Test
  void goFilepathMatch() {
    assertThat(Glob.goMatch("*.go", "main.go")).isTrue();
    assertThat(Glob.goMatch("[^a]*", "bcd")).isTrue();
    assertThat(Glob.goMatch("[!a]*", "!x")).isTrue(); // '!' is no negation in Go
    assertThat(Glob.goMatch("\\*", "*")).isTrue();
    assertThat(Glob.goBadPattern("[")).isTrue();
    assertThat(Glob.goBadPattern("[]]")).isTrue();
    assertThat(Glob.goBadPattern("a\\")).isTrue();
    assertThat(Glob.goBadPattern("[a-c]x")).isFalse();
    assertThat(Glob.goMatch("?", "é")).isTrue();
  }

  @Test
  void pythonFnmatchAndBorgShell() {
    assertThat(PyGlob.fnmatch("home/*/junk/*").matcher("home/u/v/junk/x/").matches()).isTrue();
    assertThat(PyGlob.fnmatch("a\\b").matcher("a\\b").matches()).isTrue(); // no escapes
    assertThat(PyGlob.fnmatch("[!x]").matcher("/").matches()).isTrue();
    assertThat(PyGlob.borgShell("home/*/junk/**/*").matcher("home/u/junk/x/").matches()).isTrue();
    assertThat(PyGlob.borgShell("home/*/junk/**/*").matcher("home/u/v/junk/x/").matches())
        .isFalse();
    assertThat(PyGlob.borgShell("**/*.o/**/*").matcher("a/b/c.o/").matches()).isTrue();
    assertThat(PyGlob.pythonRegex("(?P<x>a)\\Z").matcher("ba").find()).isTrue();
  }

  @Test
  void pathNames() {
    assertThat(PathNames.clean("/a//b/./c/../d/")).isEqualTo("/a/b/d");
    assertThat(PathNames.clean("/../x")).isEqualTo("/x");
    assertThat(PathNames.parent("/a")).isEqualTo("/");
    assertThat(PathNames.isUnder("/ab", "/a")).isFalse();
    assertThat(PathNames.isUnder("/a/b", "/a")).isTrue();
  }
}
