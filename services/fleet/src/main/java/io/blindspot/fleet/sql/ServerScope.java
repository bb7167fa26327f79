package io.blindspot.fleet.sql;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The conditions fleet-wide queries share on the server (alias {@code s}), with the same meaning as
 * the server listing's: labels on the effective labels (the operator's over the agent's), the OS by
 * os-release family or ID.
 */
public final class ServerScope {

  /** The effective labels of server {@code s}, as the server listing shows them. */
  public static final String LABELS = "(s.agent_labels || s.labels)";

  private ServerScope() {}

  /** Whether {@link #where} would add a condition for these filters. */
  public static boolean narrows(Map<String, String> labels, Set<String> osFamilies) {
    return (labels != null && !labels.isEmpty()) || (osFamilies != null && !osFamilies.isEmpty());
  }

  public static void where(Sql sql, Map<String, String> labels, Set<String> osFamilies) {
    if (labels != null && !labels.isEmpty()) {
      sql.append("AND " + LABELS + " @> cast(? as jsonb)", SqlValues.json(new TreeMap<>(labels)));
    }
    if (osFamilies != null && !osFamilies.isEmpty()) {
      sql.append("AND (s.os_family = ANY(?) OR s.os_id = ANY(?))", osFamilies, osFamilies);
    }
  }
}
