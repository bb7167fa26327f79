package io.blindspot.ingest.inventory.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to an inventory upload. */
@Schema(name = "InventoryUploadResponse")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InventoryUploadResponse(
    @Schema(description = "True when the body equals the current inventory; nothing was stored")
        boolean unchanged,
    @Schema(description = "The new snapshot, when one was stored", examples = "42") Long snapshotId,
    @Schema(
            description = "The distribution family derived from os.id and os.idLike",
            examples = "gentoo")
        String osFamily) {}
