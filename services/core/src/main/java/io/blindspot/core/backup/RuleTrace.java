package io.blindspot.core.backup;

import java.util.List;

/**
 * The explanation of one path: every rule considered, in the order the tool considers them, and
 * which one matched, for the path itself and each ancestor the tool had to descend through.
 *
 * @param verdict the final verdict
 * @param steps the rules considered, in order
 */
public record RuleTrace(Verdict verdict, List<Step> steps) {

  /**
   * @param path the path (or ancestor) being tested
   * @param rule the rule
   * @param matched whether it matched that path
   * @param decided whether this match decided the outcome (first match wins)
   */
  public record Step(String path, RuleRef rule, boolean matched, boolean decided) {}
}
