package io.blindspot.fleet.servers.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of servers, by hostname or by coverage score. */
@Schema(name = "ServerPage")
public record ServerPage(
    List<ServerItem> items,
    @Schema(
            description = "Pass as `after` for the next page; null on the last page",
            examples = "cwp3ZWItMDEuZXhhbXBsZS5vcmc")
        String next) {}
