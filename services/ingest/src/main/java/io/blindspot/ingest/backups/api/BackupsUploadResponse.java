package io.blindspot.ingest.backups.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a job descriptor upload. */
@Schema(name = "BackupsUploadResponse")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BackupsUploadResponse(
    @Schema(description = "True when the body equals the current upload; nothing was stored")
        boolean unchanged,
    @Schema(description = "The new job snapshot, when one was stored", examples = "42")
        Long snapshotId,
    @Schema(description = "How many jobs the server now has", examples = "2") Integer jobs,
    @Schema(description = "Jobs that appeared", examples = "[\"dirvish-root\"]") List<String> added,
    @Schema(description = "Jobs that are gone, with their listings", examples = "[\"old-tar\"]")
        List<String> removed,
    @Schema(
            description =
                "Jobs whose descriptor changed in anything but lastRun (tool, command, files,"
                    + " schedule)",
            examples = "[\"nightly\"]")
        List<String> changed) {

  static BackupsUploadResponse unchangedBody() {
    return new BackupsUploadResponse(true, null, null, null, null, null);
  }
}
