package io.blindspot.ingest.listings.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a listing upload. */
@Schema(name = "ListingUploadResponse")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListingUploadResponse(
    @Schema(description = "True when the body equals the job's current listing; nothing stored")
        boolean unchanged,
    @Schema(description = "Paths in the listing", examples = "1843211") Long entries,
    @Schema(
            description =
                "Paths of interest (the server's assets and their probes) the listing was checked"
                    + " for",
            examples = "734")
        Integer checked,
    @Schema(description = "Of those, how many the listing holds", examples = "729")
        Integer present) {}
