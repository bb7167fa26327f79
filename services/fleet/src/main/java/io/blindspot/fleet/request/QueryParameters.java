package io.blindspot.fleet.request;

import io.blindspot.fleet.labels.Labels;
import io.blindspot.fleet.problem.InvalidParameter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses query parameters by hand rather than through JAX-RS conversion, which answers a bad value
 * with a bare 404; here every bad value becomes a 400 naming the parameter.
 */
public final class QueryParameters {

  private QueryParameters() {}

  public static int limit(String raw, int fallback, int max) {
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    int limit;
    try {
      limit = Integer.parseInt(raw.strip());
    } catch (NumberFormatException e) {
      throw new InvalidParameter(
          "limit", "must be an integer between 1 and " + max + ", got '" + raw + "'");
    }
    if (limit < 1 || limit > max) {
      throw new InvalidParameter("limit", "must be between 1 and " + max + ", got " + limit);
    }
    return limit;
  }

  /** An ISO-8601 instant such as 2026-11-25T10:00:00Z; null when absent. */
  public static Instant instant(String name, String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(raw.strip());
    } catch (DateTimeParseException e) {
      throw new InvalidParameter(
          name, "must be an ISO-8601 instant such as 2026-11-25T10:00:00Z, got '" + raw + "'");
    }
  }

  /** A positive ISO-8601 duration such as PT24H or P7D; null when absent. */
  public static Duration positiveDuration(String name, String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    Duration duration;
    try {
      duration = Duration.parse(raw.strip());
    } catch (DateTimeParseException e) {
      throw new InvalidParameter(
          name, "must be an ISO-8601 duration such as PT24H or P7D, got '" + raw + "'");
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new InvalidParameter(name, "must be a positive duration, got '" + raw + "'");
    }
    return duration;
  }

  /**
   * The values of a repeatable, comma-separated parameter ({@code status=uncovered,partial&status=
   * stale}), each one of {@code allowed} (compared ignoring case, answered as spelt there); empty
   * when absent.
   */
  public static Set<String> oneOf(String name, List<String> raw, Collection<String> allowed) {
    Set<String> values = new LinkedHashSet<>();
    if (raw == null) {
      return values;
    }
    for (String parameter : raw) {
      if (parameter == null) {
        continue;
      }
      for (String part : parameter.split(",")) {
        String value = part.strip();
        if (value.isEmpty()) {
          continue;
        }
        String known =
            allowed.stream()
                .filter(candidate -> candidate.equalsIgnoreCase(value))
                .findFirst()
                .orElseThrow(
                    () ->
                        new InvalidParameter(
                            name,
                            "unknown value '" + value + "'; one of " + String.join(", ", allowed)));
        values.add(known);
      }
    }
    return values;
  }

  /** Like {@link #oneOf} for a single value; {@code fallback} when absent. */
  public static String single(
      String name, String raw, Collection<String> allowed, String fallback) {
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    Set<String> values = oneOf(name, List.of(raw), allowed);
    if (values.size() != 1) {
      throw new InvalidParameter(name, "one value expected, got '" + raw + "'");
    }
    return values.iterator().next();
  }

  /**
   * The {@code key:value} label conditions of a repeatable parameter, as the server listing reads
   * them (split at the first colon; a key given twice with different values is a 400, since no
   * server could match); empty when absent.
   */
  public static Map<String, String> labels(String name, List<String> raw) {
    Map<String, String> filter = new LinkedHashMap<>();
    if (raw == null) {
      return filter;
    }
    for (String label : raw) {
      if (label == null || label.isEmpty()) {
        continue;
      }
      int colon = label.indexOf(':');
      if (colon < 0) {
        throw new InvalidParameter(name, "expected key:value, got '" + label + "'");
      }
      String key = label.substring(0, colon);
      Labels.checkKey(name, key);
      String value = label.substring(colon + 1);
      String previous = filter.putIfAbsent(key, value);
      if (previous != null && !previous.equals(value)) {
        throw new InvalidParameter(name, "'" + key + "' is given twice with different values");
      }
    }
    return filter;
  }

  /**
   * The values of a repeatable, comma-separated parameter, any value allowed; empty when absent.
   */
  public static Set<String> values(List<String> raw) {
    Set<String> values = new LinkedHashSet<>();
    if (raw == null) {
      return values;
    }
    for (String parameter : raw) {
      if (parameter == null) {
        continue;
      }
      for (String part : parameter.split(",")) {
        if (!part.isBlank()) {
          values.add(part.strip());
        }
      }
    }
    return values;
  }

  /** A trimmed value, or null when absent or blank. */
  public static String text(String raw) {
    return raw == null || raw.isBlank() ? null : raw.strip();
  }
}
