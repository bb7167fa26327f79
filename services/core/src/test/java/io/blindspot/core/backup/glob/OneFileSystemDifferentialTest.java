package io.blindspot.core.backup.glob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.backup.BackupRuleEngines;
import io.blindspot.core.backup.BackupRules;
import io.blindspot.core.backup.Filesystem;
import io.blindspot.core.backup.TreeFacts;
import io.blindspot.core.backup.listing.ListingReader;
import io.blindspot.core.backup.oracle.RootTreeGenerator;
import io.blindspot.core.backup.oracle.RootTreeGenerator.Tree;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One-file-system against real mounts: two tmpfs are mounted inside a generated tree (needs root,
 * as CI has; skipped where mount(2) is not permitted) and tar, restic and borg back it up with
 * their one-file-system option.
 */
class OneFileSystemDifferentialTest {

  @TempDir Path tmp;

  @Test
  void mountPointsMatchRealTools() throws Exception {
    DiffSupport.requireTool("tar");
    DiffSupport.requireTool("restic");
    DiffSupport.requireTool("borg");
    Tree tree = RootTreeGenerator.generate(tmp.resolve("tree"), 5);
    String r = tree.root().toString();
    List<String> mounts = List.of(r + "/mnt/usb", r + "/var/tmp");
    List<String> mounted = new ArrayList<>();
    try {
      for (String m : mounts) {
        DiffSupport.Result res =
            DiffSupport.run(
                List.of("mount", "-t", "tmpfs", "-o", "size=1m", "none", m), Map.of(), tmp);
        assertTrue(
            res.exit() == 0, "mounting a tmpfs needs root (CI runs as root): " + res.stderr());
        mounted.add(m);
      }
      // what the mounts hold now (the generated entries under them are hidden)
      List<String> paths = new ArrayList<>();
      for (String p : tree.realPaths()) {
        String b = PathNames.bare(p);
        if (mounts.stream().noneMatch(m -> PathNames.isUnder(b, m) && !b.equals(m))) {
          paths.add(p);
        }
      }
      for (String m : mounts) {
        Files.createDirectories(Path.of(m, "inner", "deeper"));
        Files.writeString(Path.of(m, "file.txt"), "x");
        Files.writeString(Path.of(m, "inner", "deeper", "f"), "x");
        paths.addAll(
            List.of(m + "/inner/", m + "/inner/deeper/", m + "/file.txt", m + "/inner/deeper/f"));
      }
      Map<String, String> links = new HashMap<>(tree.realFacts().symlinks());
      TreeFacts facts =
          new TreeFacts(
              List.of(
                  new Filesystem("/", "root"),
                  new Filesystem(mounts.get(0), "tmpfs0"),
                  new Filesystem(mounts.get(1), "tmpfs1")),
              tree.realFacts().fileContents(),
              links);
      List<String> failures = new ArrayList<>();
      // tar
      for (List<String> args :
          List.of(
              List.of("--one-file-system", r),
              List.of("--one-file-system", mounts.get(0), r + "/var"))) {
        Path archive = tmp.resolve("x.tar");
        List<String> cmd = new ArrayList<>(List.of("tar", "-cf", archive.toString()));
        cmd.addAll(args);
        DiffSupport.run(cmd, Map.of(), tmp);
        DiffSupport.Result ls =
            DiffSupport.run(List.of("tar", "-tvf", archive.toString()), Map.of(), tmp);
        failures.add(
            compare("tar", cmd, ListingReader.TAR_LISTING, ls.stdout(), paths, facts, r, false));
      }
      // restic
      Path scratch = DiffSupport.scratch(tmp, "blindspot-ofs");
      try {
        Map<String, String> env =
            Map.of(
                "RESTIC_PASSWORD",
                "x",
                "RESTIC_REPOSITORY",
                scratch.resolve("restic").toString(),
                "RESTIC_CACHE_DIR",
                scratch.resolve("rcache").toString(),
                "BORG_REPO",
                scratch.resolve("borg").toString(),
                "BORG_BASE_DIR",
                scratch.resolve("bbase").toString(),
                "BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK",
                "yes");
        assertThat(DiffSupport.run(List.of("restic", "init"), env, tmp).exit()).isZero();
        assertThat(DiffSupport.run(List.of("borg", "init", "-e", "none"), env, tmp).exit())
            .isZero();
        int n = 0;
        for (List<String> args :
            List.of(
                List.of("-x", r),
                List.of("-x", mounts.get(0), r + "/var"),
                List.of("-x", "--exclude-caches", r + "/var"))) {
          List<String> cmd = new ArrayList<>(List.of("restic", "backup", "--host", "h" + n));
          cmd.addAll(args);
          DiffSupport.run(cmd, env, tmp);
          DiffSupport.Result ls =
              DiffSupport.run(
                  List.of("restic", "ls", "--json", "--host", "h" + n, "latest"), env, tmp);
          failures.add(
              compare(
                  "restic",
                  cmd,
                  ListingReader.RESTIC_LS_JSON,
                  ls.stdout(),
                  withAncestors(paths, r),
                  facts,
                  r,
                  true));
          // borg wants its options before ARCHIVE PATH...
          List<String> bcmd = new ArrayList<>(List.of("borg", "create"));
          args.stream().filter(a -> a.startsWith("-")).forEach(bcmd::add);
          bcmd.add("::b" + n);
          args.stream().filter(a -> !a.startsWith("-")).forEach(bcmd::add);
          DiffSupport.run(bcmd, env, tmp);
          DiffSupport.Result bl =
              DiffSupport.run(List.of("borg", "list", "--json-lines", "::b" + n), env, tmp);
          failures.add(
              compare(
                  "borg", bcmd, ListingReader.BORG_LIST_JSON, bl.stdout(), paths, facts, r, false));
          n++;
        }
      } finally {
        DiffSupport.deleteTree(scratch);
      }
      failures.removeIf(String::isEmpty);
      assertThat(failures).as(String.join("\n", failures)).isEmpty();
    } finally {
      for (String m : mounted) {
        DiffSupport.run(List.of("umount", m), Map.of(), tmp);
      }
    }
  }

  private static List<String> withAncestors(List<String> paths, String r) {
    List<String> out = new ArrayList<>(paths);
    for (String a = PathNames.parent(r); a != null; a = PathNames.parent(a)) {
      out.add(PathNames.notation(a, true));
    }
    return out;
  }

  private static String compare(
      String tool,
      List<String> cmd,
      String mediaType,
      byte[] listing,
      List<String> paths,
      TreeFacts facts,
      String r,
      boolean ancestors)
      throws Exception {
    Set<String> real = new TreeSet<>();
    ListingReader.forMediaType(mediaType)
        .read(new ByteArrayInputStream(listing), p -> real.add(PathNames.bare(p)));
    BackupRules rules =
        BackupRuleEngines.compile(new BackupJob("j", tool, cmd, Map.of(), null, null));
    Set<String> engine = DiffSupport.included(rules, paths, facts);
    String d = DiffSupport.diff(real, engine);
    return d.isEmpty() ? "" : "--- " + String.join(" ", cmd) + "\n" + d;
  }
}
