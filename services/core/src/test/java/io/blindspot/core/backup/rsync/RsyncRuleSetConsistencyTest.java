package io.blindspot.core.backup.rsync;

import static org.assertj.core.api.Assertions.assertThat;

import io.blindspot.core.backup.oracle.RandomPatterns;
import io.blindspot.core.backup.oracle.SharedTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The indexed first-match of {@link RsyncRuleSet} and the shortcuts of {@link RsyncRule#matches}
 * against the plain rule-by-rule reference, on thousands of seeded random rules and every path of
 * the generated tree.
 */
class RsyncRuleSetConsistencyTest {

  static final String[] EXTRA = {
    "*",
    "*/",
    "**",
    "***",
    "/*",
    "*.txt",
    "**/*.log",
    "-! */",
    "+ */",
    "[a-z]*",
    "*[0-9]",
    "/home/*/.cache/***",
    "dir/***",
    "?",
    "??*",
    "\\*star\\*",
    "a*b?c[d]",
    "**/src/**",
    "*~",
    "#*",
    ".#*",
    "core",
    "tags/",
    "/var/db",
    "db/pkg",
    "pkg/*/",
    "lvl*/",
    "**/lvl*/",
  };

  @Test
  void indexesAgreeWithTheReferenceMatcher() throws Exception {
    SharedTree st = SharedTree.get();
    List<String> rooted = st.tree.paths();
    Random r = new Random(31337);
    int checked = 0;
    for (int set = 0; set < 150; set++) {
      List<String> argv = new ArrayList<>(List.of("rsync", "-a"));
      int n = 5 + r.nextInt(30);
      for (int i = 0; i < n; i++) {
        String pat =
            r.nextInt(4) == 0
                ? EXTRA[r.nextInt(EXTRA.length)]
                : RandomPatterns.pattern(r, rooted.get(1 + r.nextInt(rooted.size() - 1)), "");
        if (pat.startsWith("+ ") || pat.startsWith("- ")) {
          argv.add("--filter=" + pat);
        } else if (pat.startsWith("-! ")) {
          argv.add("--filter=" + pat);
        } else {
          argv.add((r.nextInt(3) == 0 ? "--filter=+ " : "--filter=- ") + pat);
        }
      }
      if (r.nextBoolean()) {
        argv.add("--filter=-/ /etc/ssh/");
      }
      argv.add("/");
      argv.add("/d");
      RsyncCommandLine cl;
      try {
        cl = RsyncCommandLine.parse(argv, Map.of(), x -> x);
      } catch (io.blindspot.core.backup.JobConfigException e) {
        continue;
      }
      List<RsyncRule> rules = cl.globalRules;
      RsyncRuleSet rs = new RsyncRuleSet(rules);
      for (String p : rooted) {
        if (p.equals("/")) {
          continue;
        }
        boolean dir = p.endsWith("/");
        String abs = dir ? p.substring(0, p.length() - 1) : p;
        for (boolean root : new boolean[] {true, false}) {
          String rel = root ? abs.substring(1) : abs.substring(abs.indexOf('/', 1) + 1);
          if (!root && abs.indexOf('/', 1) < 0) {
            continue;
          }
          Name name = new Name(rel, abs, dir, root);
          int expected = -1;
          for (int i = 0; i < rules.size(); i++) {
            boolean ref = rules.get(i).matchesReference(name);
            assertThat(rules.get(i).matches(name))
                .as("rule %s on %s (dir=%s)", rules.get(i).display(), rel, dir)
                .isEqualTo(ref);
            if (ref && expected < 0) {
              expected = i;
            }
          }
          assertThat(rs.firstMatch(name))
              .as("first match for %s in %s", rel, argv)
              .isEqualTo(expected);
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(50_000);
  }
}
