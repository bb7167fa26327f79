package io.blindspot.core.backup.glob;

import io.blindspot.core.backup.Filesystem;
import io.blindspot.core.backup.TreeFacts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an engine may know of the evaluated tree: which paths exist (evaluated paths, files with
 * known contents, symlinks), file contents, symlinks and the device of each path.
 */
public final class TreeView {
  private final Set<String> existing = new HashSet<>();
  private final Set<String> dirs = new HashSet<>();
  private final Map<String, String> contents = new HashMap<>();
  private final Set<String> symlinks = new HashSet<>();
  private final List<Filesystem> mounts;

  public TreeView(List<String> paths, TreeFacts facts) {
    TreeFacts f = facts == null ? TreeFacts.NONE : facts;
    for (String p : paths) {
      String b = PathNames.bare(p);
      existing.add(b);
      if (PathNames.isDir(p)) {
        dirs.add(b);
      }
    }
    f.fileContents().forEach((k, v) -> contents.put(PathNames.bare(k), v));
    existing.addAll(contents.keySet());
    for (String s : f.symlinks().keySet()) {
      symlinks.add(PathNames.bare(s));
    }
    existing.addAll(symlinks);
    List<Filesystem> m = new ArrayList<>();
    for (Filesystem fs : f.filesystems()) {
      m.add(new Filesystem(PathNames.bare(PathNames.clean(fs.mountPoint())), fs.device()));
    }
    m.sort(Comparator.comparingInt((Filesystem fs) -> fs.mountPoint().length()).reversed());
    mounts = List.copyOf(m);
  }

  /** Whether the bare path is known to exist. */
  public boolean exists(String bare) {
    return existing.contains(bare);
  }

  /** Whether the bare path is known to be a directory (evaluated with a trailing '/'). */
  public boolean isDir(String bare) {
    return dirs.contains(bare);
  }

  /** The content of a file, or null when unknown. */
  public String content(String bare) {
    return contents.get(bare);
  }

  /** Whether the bare path is a symlink (never followed). */
  public boolean isSymlink(String bare) {
    return symlinks.contains(bare);
  }

  /** Whether any filesystem is known. */
  public boolean hasMounts() {
    return !mounts.isEmpty();
  }

  /** The device of a bare path: the longest mount point prefix; "" when no mount is known. */
  public String device(String bare) {
    for (Filesystem fs : mounts) {
      if (PathNames.isUnder(bare, fs.mountPoint())) {
        return fs.device();
      }
    }
    return "";
  }

  /** Whether the bare path is the mount point of some filesystem. */
  public boolean isMountPoint(String bare) {
    for (Filesystem fs : mounts) {
      if (fs.mountPoint().equals(bare)) {
        return true;
      }
    }
    return false;
  }
}
