package io.blindspot.fleet.dashboard.api;

import io.quarkus.qute.TemplateExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the pages write times and which CSS class colours a status: {fmt:...} in templates. */
@TemplateExtension(namespace = "fmt")
public final class Formats {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Formats() {}

  static String when(Instant at) {
    return at == null ? "never" : WHEN.format(at);
  }

  static String ago(Instant at) {
    if (at == null) {
      return "never";
    }
    Duration age = Duration.between(at, Instant.now());
    if (age.isNegative() || age.toMinutes() < 1) {
      return "just now";
    }
    if (age.toHours() < 1) {
      return age.toMinutes() + " min ago";
    }
    if (age.toHours() < 48) {
      return age.toHours() + " h ago";
    }
    return age.toDays() + " days ago";
  }

  /** st-uncovered, st-partial, ...; st-none for a kind the server has no asset of. */
  static String status(String status) {
    return "st-" + (status == null ? "none" : status);
  }

  static String readiness(String readiness) {
    return "rd-"
        + (readiness == null
            ? "not-evaluated"
            : readiness.toLowerCase(Locale.ROOT).replace('_', '-'));
  }

  static String readinessLabel(String readiness) {
    if (readiness == null) {
      return "Not evaluated";
    }
    return switch (readiness) {
      case "READY" -> "Ready";
      case "AT_RISK" -> "At risk";
      case "NOT_RESTORABLE" -> "Not restorable";
      default -> "Not evaluated";
    };
  }

  /** ps-fail, ps-waived, ps-pass, ps-not-applicable. */
  static String result(String status) {
    return "ps-" + status;
  }

  static String severity(String severity) {
    return "sev-" + severity;
  }

  /** The depth class of a tree line (indentation lives in the stylesheet: no inline style). */
  static String depth(int depth) {
    return "depth-" + depth;
  }
}
