package io.blindspot.fleet.findings.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of findings. */
@Schema(name = "FindingPage")
public record FindingPage(
    List<FindingView> items,
    @Schema(description = "Pass as `after` for the next page; null on the last page")
        String next) {}
