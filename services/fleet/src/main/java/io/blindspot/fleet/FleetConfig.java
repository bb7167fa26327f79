package io.blindspot.fleet;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Blindspot's own settings for the fleet service (section "Blindspot" of application.properties).
 */
@ConfigMapping(prefix = "blindspot")
public interface FleetConfig {

  /**
   * The bootstrap admin bearer token (env BLINDSPOT_ADMIN_TOKEN). Without one only operator tokens
   * issued earlier get in: an unconfigured service must not be an open one.
   */
  Optional<String> adminToken();

  /** Operator tokens (POST /api/v1/tokens). */
  Tokens tokens();

  interface Tokens {

    /**
     * How often each instance reloads the operator tokens: the longest a token revoked through
     * another fleet instance keeps working here.
     */
    @WithDefault("PT1S")
    Duration refresh();
  }

  /** The fleet gauges on /q/metrics. */
  Metrics metrics();

  interface Metrics {

    /** How often the gauges are read from PostgreSQL (a few aggregate queries each time). */
    @WithDefault("PT30S")
    Duration refresh();

    /** A server without any upload for longer counts in blindspot_servers_not_seen. */
    @WithDefault("PT24H")
    Duration notSeenThreshold();
  }

  /** The daily compliance history. */
  History history();

  /** Section blindspot.history. */
  interface History {

    /** How long daily compliance rows are kept (BLINDSPOT_HISTORY_RETENTION), in whole days. */
    @WithDefault("P400D")
    Duration retention();

    /** How often today's history and the trend's totals are refreshed (a scheduler interval). */
    @WithDefault("15m")
    String snapshotEvery();

    /** The delay of the first refresh after start. */
    @WithDefault("1m")
    String firstSnapshotAfter();
  }

  /** The browser dashboard under /dashboard. */
  Dashboard dashboard();

  /** Settings of the dashboard (blindspot.dashboard.*). */
  interface Dashboard {

    /** How long a sign-in lasts; the operator signs in again after it. */
    @WithDefault("PT12H")
    Duration sessionTtl();

    /** A job whose newest success is older than this (or that never succeeded) is stale. */
    @WithDefault("PT26H")
    Duration staleAfter();

    /** Servers per heat-map page, worst first. */
    @WithDefault("25")
    int heatMapRows();

    /** Rows per page of the findings list. */
    @WithDefault("100")
    int findingsPerPage();
  }

  /** Policy evaluation and waivers. */
  Policies policies();

  interface Policies {

    /** Whether this instance takes servers from the policy queue (any number of instances may). */
    @WithDefault("true")
    boolean enabled();

    /** How often the worker looks at the queue (also read by the scheduler). */
    @WithDefault("1s")
    Duration pollInterval();

    /** At most this many servers per poll, so one poll cannot hold the worker for long. */
    @WithDefault("500")
    int batch();

    /** A failed server is retried after this, doubled with each failure. */
    @WithDefault("5s")
    Duration retryDelay();

    /** The longest a waiver may run: an exception must be looked at again. */
    @WithDefault("P365D")
    Duration waiverMaxDuration();
  }
}
