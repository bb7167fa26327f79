package io.blindspot.coverage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Blindspot's own settings for the coverage service (section "Blindspot" of
 * application.properties).
 */
@ConfigMapping(prefix = "blindspot")
public interface CoverageConfig {

  /** The bootstrap admin bearer token (env BLINDSPOT_ADMIN_TOKEN). */
  Optional<String> adminToken();

  Recompute recompute();

  /** The work queue that keeps coverage current after every upload. */
  interface Recompute {

    /** A job whose last success is older than this no longer counts as covering. */
    @WithDefault("PT26H")
    Duration maxAge();

    /** Whether this instance takes work from the queue (several instances may). */
    @WithDefault("true")
    boolean enabled();

    /** How often an idle worker looks at the queue. */
    @WithDefault("1s")
    String pollInterval();

    /** Concurrent workers in this instance. */
    @WithDefault("2")
    int workers();

    /** How long a failed server waits before it is tried again (doubling each attempt). */
    @WithDefault("PT10S")
    Duration retryDelay();
  }
}
