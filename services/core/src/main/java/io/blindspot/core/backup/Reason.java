package io.blindspot.core.backup;

import java.util.Locale;

/** Why a path is or is not in a job's snapshot. */
public enum Reason {
  INCLUDED,
  EXCLUDED_BY_RULE,
  PARENT_EXCLUDED,
  OUTSIDE_SOURCES,
  OTHER_FILESYSTEM,
  EXCLUDED_BY_MARKER;

  /** The wire name: "excluded-by-rule". */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
