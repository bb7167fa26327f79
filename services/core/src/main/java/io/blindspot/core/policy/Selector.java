package io.blindspot.core.policy;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which servers a policy (or a waiver) applies to. Every given criterion must match; an empty
 * selector matches every server.
 *
 * @param labels every key must be present with exactly this value
 * @param osFamily the server's OS family must be one of these; empty means any
 * @param packageName a package of this name must be installed (any manager); null means any
 * @param hostname a glob ({@code *} any run of characters, {@code ?} one); null means any
 */
public record Selector(
    Map<String, String> labels, List<String> osFamily, String packageName, String hostname) {

  public static final Selector ANY = new Selector(Map.of(), List.of(), null, null);

  public Selector {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    osFamily = osFamily == null ? List.of() : List.copyOf(osFamily);
  }

  public boolean matches(ServerFacts server) {
    for (Map.Entry<String, String> label : labels.entrySet()) {
      if (!label.getValue().equals(server.labels().get(label.getKey()))) {
        return false;
      }
    }
    // a server whose OS is not known yet matches no OS family
    if (!osFamily.isEmpty()
        && (server.osFamily() == null || !osFamily.contains(server.osFamily()))) {
      return false;
    }
    if (packageName != null && !server.packages().contains(packageName)) {
      return false;
    }
    return hostname == null
        || (server.hostname() != null && glob(hostname).matcher(server.hostname()).matches());
  }

  public boolean isEmpty() {
    return labels.isEmpty() && osFamily.isEmpty() && packageName == null && hostname == null;
  }

  /** {@code *} and {@code ?} are the only special characters; everything else is literal. */
  static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : glob.toCharArray()) {
      if (c == '*' || c == '?') {
        if (!literal.isEmpty()) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (!literal.isEmpty()) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
