package io.blindspot.fleet.request;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Walks a keyset-paginated listing to its end, a batch at a time, for exports that must hold no
 * more than one batch: the CSV of a list whose store pages by key.
 */
public final class KeysetPages {

  static final int BATCH = 1000;

  private KeysetPages() {}

  /**
   * Hands every row to {@code sink}. {@code page.apply(after, n)} returns up to n + 1 rows
   * following the key {@code after} (null: from the start); the extra row only says that more
   * follow.
   */
  public static <T, K> void forEach(
      BiFunction<K, Integer, List<T>> page, Function<T, K> key, Consumer<T> sink) {
    K after = null;
    List<T> rows;
    do {
      rows = page.apply(after, BATCH);
      List<T> batch = rows.subList(0, Math.min(rows.size(), BATCH));
      batch.forEach(sink);
      after = batch.isEmpty() ? null : key.apply(batch.get(batch.size() - 1));
    } while (rows.size() > BATCH);
  }
}
