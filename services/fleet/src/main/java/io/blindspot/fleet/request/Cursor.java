package io.blindspot.fleet.request;

import io.blindspot.fleet.problem.InvalidParameter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * An opaque keyset-pagination cursor: the sort key of the last item of a page, base64url-encoded
 * behind a tag naming the listing. Opaque, so clients do not build cursors and the sort key can
 * change; tagged, so a cursor from one listing is rejected by another instead of skipping rows.
 */
public final class Cursor {

  private static final char SEPARATOR = '\n'; // appears in no hostname, package key or number

  private Cursor() {}

  public static String encode(String listing, String... key) {
    String plain = listing + SEPARATOR + String.join(String.valueOf(SEPARATOR), key);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The key parts of {@code cursor}, or null when there is none (first page).
   *
   * @throws InvalidParameter naming {@code parameter} when it is not a cursor of {@code listing}
   */
  public static List<String> decode(String parameter, String listing, int parts, String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return null;
    }
    String plain;
    try {
      plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw notOurs(parameter);
    }
    List<String> fields = List.of(plain.split(String.valueOf(SEPARATOR), -1));
    if (fields.size() != parts + 1 || !fields.get(0).equals(listing)) {
      throw notOurs(parameter);
    }
    return fields.subList(1, fields.size());
  }

  private static InvalidParameter notOurs(String parameter) {
    return new InvalidParameter(
        parameter, "not a cursor this endpoint issued; pass the `next` value of the previous page");
  }
}
