package io.blindspot.core.backup.listing;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a (possibly huge) listing against a fixed set of paths of interest: which are present,
 * which absent. Streams the listing once with constant memory (one hash lookup per line); a path
 * matches with or without its trailing '/'. Reusable and thread-safe: each {@link #match} call has
 * its own state.
 */
public final class ListingMatcher {
  private final Map<String, Integer> index = new HashMap<>();
  private final List<String> paths;

  /** The outcome of one listing. */
  public record Result(List<String> present, List<String> absent, long entries) {}

  public ListingMatcher(Collection<String> pathsOfInterest) {
    this.paths = List.copyOf(pathsOfInterest);
    for (int i = 0; i < paths.size(); i++) {
      index.putIfAbsent(key(paths.get(i)), i);
    }
  }

  private static String key(String p) {
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

  /** Reads the listing with the given reader and tells which paths of interest it holds. */
  public Result match(InputStream listing, ListingReader reader) throws IOException {
    boolean[] seen = new boolean[paths.size()];
    long[] n = {0};
    reader.read(
        listing,
        p -> {
          n[0]++;
          Integer i = index.get(key(p));
          if (i != null) {
            seen[i] = true;
          }
        });
    List<String> present = new ArrayList<>();
    List<String> absent = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      boolean s = seen[index.get(key(paths.get(i)))];
      (s ? present : absent).add(paths.get(i));
    }
    return new Result(present, absent, n[0]);
  }
}
