package io.blindspot.fleet.labels;

import io.blindspot.fleet.problem.InvalidParameter;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules labels follow. Keys must not contain ':' because the server filter reads {@code
 * label=key:value} split at the first colon; values may, so {@code label=url:https://x} works.
 */
public final class Labels {

  public static final int MAX_LABELS = 64;
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,62}");
  private static final int MAX_VALUE_LENGTH = 256;

  private Labels() {}

  /** Checks keys (and values, unless null, which merge-patch uses to remove a key). */
  public static void check(String parameter, Map<String, String> labels) {
    if (labels == null) {
      return;
    }
    if (labels.size() > MAX_LABELS) {
      throw new InvalidParameter(parameter, "at most " + MAX_LABELS + " labels");
    }
    for (Map.Entry<String, String> label : labels.entrySet()) {
      checkKey(parameter, label.getKey());
      String value = label.getValue();
      if (value != null && value.length() > MAX_VALUE_LENGTH) {
        throw new InvalidParameter(
            parameter + "." + label.getKey(), "at most " + MAX_VALUE_LENGTH + " characters");
      }
    }
  }

  public static void checkKey(String parameter, String key) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new InvalidParameter(
          parameter,
          "label key '"
              + key
              + "' must be 1-63 letters, digits, '.', '_', '/' or '-', starting with a letter or digit");
    }
  }
}
