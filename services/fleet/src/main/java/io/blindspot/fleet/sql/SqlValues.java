package io.blindspot.fleet.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/** Converts the column values of native queries, whose Java types depend on the JDBC driver. */
public final class SqlValues {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SqlValues() {}

  public static Instant instant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value instanceof OffsetDateTime offset) {
      return offset.toInstant();
    }
    if (value instanceof ZonedDateTime zoned) {
      return zoned.toInstant();
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant();
    }
    throw new IllegalArgumentException("not a timestamp: " + value.getClass().getName());
  }

  public static Integer integer(Object value) {
    return value == null ? null : ((Number) value).intValue();
  }

  public static Long bigint(Object value) {
    return value == null ? null : ((Number) value).longValue();
  }

  /** A jsonb column selected as {@code column::text} holding an object of strings. */
  public static Map<String, String> stringMap(Object jsonText) {
    if (jsonText == null) {
      return Map.of();
    }
    try {
      return JSON.readValue(jsonText.toString(), new TypeReference<Map<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "jsonb column is not an object of strings: " + e.getMessage(), e);
    }
  }

  /** A jsonb column selected as {@code column::text} holding an array; empty when null. */
  public static List<Object> list(Object jsonText) {
    if (jsonText == null) {
      return List.of();
    }
    try {
      Object value = JSON.readValue(jsonText.toString(), Object.class);
      return value instanceof List<?> list ? List.copyOf(withoutNulls(list)) : List.of();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("jsonb column is not JSON: " + e.getMessage(), e);
    }
  }

  /** A jsonb column selected as {@code column::text} holding an object; null when null. */
  public static Map<String, Object> object(Object jsonText) {
    if (jsonText == null) {
      return null;
    }
    try {
      return JSON.readValue(jsonText.toString(), new TypeReference<Map<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("jsonb column is not a JSON object: " + e.getMessage(), e);
    }
  }

  /** Writes a map as JSON text, for {@code cast(:param as jsonb)}. */
  public static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static List<Object> withoutNulls(List<?> list) {
    return list.stream().filter(java.util.Objects::nonNull).map(Object.class::cast).toList();
  }

  /** Escapes LIKE wildcards so a user's prefix matches literally (backslash is the escape). */
  public static String likePrefix(String prefix) {
    return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }
}
