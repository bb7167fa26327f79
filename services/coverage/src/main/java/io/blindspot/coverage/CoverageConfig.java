package io.blindspot.coverage;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * Blindspot's own settings for the coverage service (section "Blindspot" of
 * application.properties).
 */
@ConfigMapping(prefix = "blindspot")
public interface CoverageConfig {

  /** The bootstrap admin bearer token (env BLINDSPOT_ADMIN_TOKEN). */
  Optional<String> adminToken();
}
