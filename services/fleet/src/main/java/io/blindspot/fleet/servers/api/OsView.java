package io.blindspot.fleet.servers.api;

import io.blindspot.fleet.servers.application.Os;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The operating system from the server's last inventory (os-release). */
@Schema(name = "Os")
public record OsView(
    @Schema(description = "os-release ID", examples = "debian") String id,
    @Schema(description = "The family (first of ID_LIKE, else ID)", examples = "debian")
        String family,
    @Schema(description = "os-release NAME", examples = "Debian GNU/Linux") String name,
    @Schema(description = "os-release VERSION_ID", examples = "12") String versionId) {

  static OsView of(Os os) {
    return new OsView(os.id(), os.family(), os.name(), os.versionId());
  }
}
