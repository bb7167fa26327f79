package io.blindspot.fleet.findings.application;

/**
 * The order of a findings listing. Each order ends in columns that make it total, so keyset pages
 * neither skip nor repeat: severity → (rank, policy, server, requirement, path), hostname →
 * (hostname, policy, requirement, path), policy → (policy, server, requirement, path), firstSeen →
 * (first seen, server, policy, requirement, path). Server ties break on the server's id rather than
 * its hostname so that the orders other than hostname walk one index of the findings table.
 */
public record FindingSort(Field field, boolean descending) {

  /** The field a listing is sorted by. */
  public enum Field {
    SEVERITY("severity"),
    HOSTNAME("hostname"),
    POLICY("policy"),
    FIRST_SEEN("firstSeen");

    private final String id;

    Field(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  public static final FindingSort DEFAULT = new FindingSort(Field.SEVERITY, false);
}
