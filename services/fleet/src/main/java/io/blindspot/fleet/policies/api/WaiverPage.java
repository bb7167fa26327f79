package io.blindspot.fleet.policies.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of waivers, newest first. */
@Schema(name = "WaiverPage")
public record WaiverPage(
    List<WaiverView> items,
    @Schema(description = "Pass as `after` for the next page; null on the last page")
        String next) {}
