package io.blindspot.fleet.dashboard.application;

import io.blindspot.core.coverage.CoverageStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Orders coverage statuses from worst to best, and names the page anchors of assets. */
public final class Statuses {

  /** Worst first: what the heat map and the tree colour a group with. */
  public static final List<String> WORST_FIRST =
      List.of(
          CoverageStatus.UNCOVERED.id(),
          CoverageStatus.MISSING_FROM_SNAPSHOT.id(),
          CoverageStatus.STALE.id(),
          CoverageStatus.PARTIAL.id(),
          CoverageStatus.COVERED.id(),
          CoverageStatus.VERIFIED.id());

  private Statuses() {}

  /** 0 for the worst status; unknown statuses rank after the best. */
  public static int rank(String status) {
    int rank = WORST_FIRST.indexOf(status);
    return rank < 0 ? WORST_FIRST.size() : rank;
  }

  public static String worse(String a, String b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return rank(a) <= rank(b) ? a : b;
  }

  /** True when the asset would come back from the backups as it is. */
  public static boolean kept(String status) {
    return CoverageStatus.COVERED.id().equals(status)
        || CoverageStatus.VERIFIED.id().equals(status);
  }

  /**
   * The HTML id of an asset's section on its server page: derived from the path (which may hold any
   * character) so that links from other pages can point at it.
   */
  public static String anchor(String path) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
      return "asset-" + HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
