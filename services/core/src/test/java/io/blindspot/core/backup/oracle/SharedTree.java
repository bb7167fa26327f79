package io.blindspot.core.backup.oracle;

import io.blindspot.core.backup.Filesystem;
import io.blindspot.core.backup.TreeFacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One generated tree (seed 20261125) shared by the differential tests of a JVM, with two nested
 * tmpfs mounts under /srv/vol when the sandbox allows mounting (for -x / xdev / one_fs). Cleaned up
 * (unmounted, deleted) at JVM exit.
 */
public final class SharedTree {

  public final Path work;
  public final RootTreeGenerator.Tree tree;

  /** Real paths (under the temp dir) including the mounted ones. */
  public final List<String> paths;

  public final Set<String> pathSet;
  public final TreeFacts facts;
  public final boolean mounted;

  private static SharedTree instance;

  private SharedTree() throws IOException {
    work = Files.createTempDirectory("blindspot-oracle");
    tree = RootTreeGenerator.generate(work.resolve("root"), 20261125L);
    List<String> p = new ArrayList<>(tree.realPaths());
    List<Filesystem> fss = new ArrayList<>(tree.realFacts().filesystems());
    Path vol = tree.root().resolve("srv/vol");
    Path inner = vol.resolve("inner");
    boolean m = OracleSupport.tryMountTmpfs(vol);
    boolean innerMounted = false;
    if (m) {
      Files.writeString(vol.resolve("data.bin"), "d");
      Files.createDirectories(vol.resolve("sub"));
      Files.writeString(vol.resolve("sub/f.txt"), "f");
      if (OracleSupport.tryMountTmpfs(inner)) {
        innerMounted = true;
        Files.writeString(inner.resolve("deep.txt"), "x");
        Files.createDirectories(inner.resolve("d"));
        p.addAll(List.of(inner + "/", inner + "/deep.txt", inner + "/d/"));
        fss.add(new Filesystem(inner.toString(), "tmpfs-inner"));
      }
      p.addAll(List.of(vol + "/", vol + "/data.bin", vol + "/sub/", vol + "/sub/f.txt"));
      fss.add(new Filesystem(vol.toString(), "tmpfs-vol"));
    } else {
      System.out.println(
          "NOTE: mount -t tmpfs is refused here: one-file-system is covered by unit tests only");
    }
    mounted = m;
    paths = List.copyOf(p);
    pathSet = new HashSet<>(paths);
    facts = new TreeFacts(fss, tree.realFacts().fileContents(), tree.realFacts().symlinks());
    boolean im = innerMounted;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (im) {
                    OracleSupport.umount(inner);
                  }
                  if (m) {
                    OracleSupport.umount(vol);
                  }
                  OracleSupport.deleteTree(work);
                }));
  }

  public static synchronized SharedTree get() {
    if (instance == null) {
      try {
        instance = new SharedTree();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }

  /** A fresh directory under the shared work dir. */
  public Path newDir(String prefix) {
    try {
      return Files.createTempDirectory(work, prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
