package io.blindspot.core.backup;

import java.util.List;
import java.util.Map;

/**
 * What the rules of a job may depend on besides path names: the mounts (one-file-system), the
 * contents of files in the evaluated tree (CACHEDIR.TAG, --exclude-if-present markers,
 * per-directory merge files such as .rsync-filter) and which listed paths are symlinks (never
 * followed).
 *
 * <p>A path in {@code fileContents} exists in the tree even when it is not among the evaluated
 * paths.
 */
public record TreeFacts(
    List<Filesystem> filesystems, Map<String, String> fileContents, Map<String, String> symlinks) {

  public static final TreeFacts NONE = new TreeFacts(List.of(), Map.of(), Map.of());

  public TreeFacts {
    filesystems = filesystems == null ? List.of() : List.copyOf(filesystems);
    fileContents = fileContents == null ? Map.of() : Map.copyOf(fileContents);
    symlinks = symlinks == null ? Map.of() : Map.copyOf(symlinks);
  }
}
