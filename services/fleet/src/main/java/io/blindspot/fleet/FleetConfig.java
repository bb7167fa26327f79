package io.blindspot.fleet;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * Blindspot's own settings for the fleet service (section "Blindspot" of application.properties).
 */
@ConfigMapping(prefix = "blindspot")
public interface FleetConfig {

  /**
   * The bootstrap admin bearer token (env BLINDSPOT_ADMIN_TOKEN). Without one every operator
   * endpoint answers 401: an unconfigured service must not be an open one.
   */
  Optional<String> adminToken();
}
