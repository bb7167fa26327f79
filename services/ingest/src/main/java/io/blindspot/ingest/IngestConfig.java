package io.blindspot.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * Blindspot's own settings for the ingest service (section "Blindspot" of application.properties).
 */
@ConfigMapping(prefix = "blindspot")
public interface IngestConfig {

  /**
   * The bootstrap admin bearer token (env BLINDSPOT_ADMIN_TOKEN). Ingest serves agents only, so it
   * never accepts this token; it is read so that the setting is shared with the other services.
   */
  Optional<String> adminToken();

  Uploads uploads();

  Listings listings();

  /** Limits and retention of agent uploads. */
  interface Uploads {

    /** The largest upload accepted, in bytes, counted after gzip decompression. */
    @WithDefault("67108864")
    long maxBytes();

    /** How many raw uploads to keep per server and kind of report, newest first. */
    @WithDefault("5")
    int keepPerKind();
  }

  /** Limits of snapshot listings, which are streamed rather than held in memory. */
  interface Listings {

    /**
     * The largest listing accepted, in bytes, counted after gzip decompression (2 GiB: a few
     * million paths).
     */
    @WithDefault("2147483648")
    long maxBytes();
  }
}
