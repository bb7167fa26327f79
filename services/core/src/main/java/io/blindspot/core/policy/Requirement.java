package io.blindspot.core.policy;

import io.blindspot.core.coverage.Readiness;
import io.blindspot.core.world.AssetKind;
import io.blindspot.core.world.Severity;
import java.time.Duration;
import java.util.List;

/** One thing a policy requires of a server's coverage; {@link #id()} is unique in the policy. */
public sealed interface Requirement {

  String id();

  /** The wire name of the requirement's type: "assets-covered", "fresh-backup", ... */
  String type();

  /** Every asset of these kinds is covered or verified, and each kind the world should have is. */
  record AssetsCovered(String id, List<AssetKind> kinds) implements Requirement {
    public static final String TYPE = "assets-covered";

    public AssetsCovered {
      kinds = List.copyOf(kinds);
    }

    @Override
    public String type() {
      return TYPE;
    }
  }

  /** No asset of this severity or worse is uncovered. */
  record NoUncovered(String id, Severity severity) implements Requirement {
    public static final String TYPE = "no-uncovered";

    @Override
    public String type() {
      return TYPE;
    }
  }

  /** Every real filesystem (asset kind mount) is covered or verified. */
  record MountsCovered(String id) implements Requirement {
    public static final String TYPE = "mounts-covered";

    @Override
    public String type() {
      return TYPE;
    }
  }

  /** The newest success among the jobs that include the path is younger than maxAge. */
  record FreshBackup(String id, String path, Duration maxAge) implements Requirement {
    public static final String TYPE = "fresh-backup";

    @Override
    public String type() {
      return TYPE;
    }
  }

  /** The server's restore readiness is exactly this. */
  record ReadinessIs(String id, Readiness is) implements Requirement {
    public static final String TYPE = "readiness";

    @Override
    public String type() {
      return TYPE;
    }
  }

  /** The path is covered by some job. */
  record PathCovered(String id, String path) implements Requirement {
    public static final String TYPE = "path-covered";

    @Override
    public String type() {
      return TYPE;
    }
  }

  /** Every type, in the order the documentation lists them. */
  List<String> TYPES =
      List.of(
          AssetsCovered.TYPE,
          NoUncovered.TYPE,
          MountsCovered.TYPE,
          FreshBackup.TYPE,
          ReadinessIs.TYPE,
          PathCovered.TYPE);
}
