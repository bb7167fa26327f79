package io.blindspot.core.backup.listing;

import java.nio.charset.StandardCharsets;

/**
 * Pulls a few top-level string fields out of a one-line JSON object without building a tree: the
 * hot path of the JSON listings. Other values (numbers, objects, arrays) are skipped.
 */
final class MiniJson {
  private final String[] keys;
  private final byte[][] keyBytes;
  final String[] values;
  private final StringBuilder sb = new StringBuilder();

  MiniJson(String... keys) {
    this.keys = keys;
    this.keyBytes = new byte[keys.length][];
    for (int i = 0; i < keys.length; i++) {
      keyBytes[i] = keys[i].getBytes(StandardCharsets.UTF_8);
    }
    this.values = new String[keys.length];
  }

  /** Parses one object; false when the line is not a JSON object. */
  boolean parse(byte[] b, int off, int len) {
    java.util.Arrays.fill(values, null);
    int end = off + len;
    int i = skipWs(b, off, end);
    if (i >= end || b[i] != '{') {
      return false;
    }
    i++;
    while (true) {
      i = skipWs(b, i, end);
      if (i >= end) {
        return false;
      }
      if (b[i] == '}') {
        return true;
      }
      if (b[i] == ',') {
        i++;
        continue;
      }
      if (b[i] != '"') {
        return false;
      }
      int keyStart = i + 1;
      int keyEnd = stringEnd(b, keyStart, end);
      if (keyEnd < 0) {
        return false;
      }
      int want = -1;
      for (int k = 0; k < keyBytes.length; k++) {
        if (equals(b, keyStart, keyEnd, keyBytes[k])) {
          want = k;
          break;
        }
      }
      i = skipWs(b, keyEnd + 1, end);
      if (i >= end || b[i] != ':') {
        return false;
      }
      i = skipWs(b, i + 1, end);
      if (i >= end) {
        return false;
      }
      if (b[i] == '"') {
        int vEnd = stringEnd(b, i + 1, end);
        if (vEnd < 0) {
          return false;
        }
        if (want >= 0) {
          values[want] = decode(b, i + 1, vEnd);
        }
        i = vEnd + 1;
      } else {
        i = skipValue(b, i, end);
        if (i < 0) {
          return false;
        }
      }
    }
  }

  private static boolean equals(byte[] b, int from, int to, byte[] key) {
    if (to - from != key.length) {
      return false;
    }
    for (int i = 0; i < key.length; i++) {
      if (b[from + i] != key[i]) {
        return false;
      }
    }
    return true;
  }

  private static int skipWs(byte[] b, int i, int end) {
    while (i < end && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
      i++;
    }
    return i;
  }

  /** Index of the closing quote of a string whose content starts at i, or -1. */
  private static int stringEnd(byte[] b, int i, int end) {
    while (i < end) {
      byte c = b[i];
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '"') {
        return i;
      }
      i++;
    }
    return -1;
  }

  private static int skipValue(byte[] b, int i, int end) {
    int depth = 0;
    while (i < end) {
      byte c = b[i];
      if (c == '"') {
        i = stringEnd(b, i + 1, end);
        if (i < 0) {
          return -1;
        }
        i++;
        continue;
      }
      if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        if (depth == 0) {
          return i;
        }
        depth--;
      } else if (c == ',' && depth == 0) {
        return i;
      }
      i++;
    }
    return -1;
  }

  private String decode(byte[] b, int from, int to) {
    boolean simple = true;
    for (int i = from; i < to; i++) {
      if (b[i] == '\\') {
        simple = false;
        break;
      }
    }
    if (simple) {
      return new String(b, from, to - from, StandardCharsets.UTF_8);
    }
    String raw = new String(b, from, to - from, StandardCharsets.UTF_8);
    sb.setLength(0);
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '\\' || i + 1 >= raw.length()) {
        sb.append(c);
        continue;
      }
      char n = raw.charAt(++i);
      switch (n) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'u' -> {
          if (i + 4 < raw.length()) {
            sb.append((char) Integer.parseInt(raw.substring(i + 1, i + 5), 16));
            i += 4;
          }
        }
        default -> sb.append(n);
      }
    }
    return sb.toString();
  }

  String key(int i) {
    return keys[i];
  }
}
