package io.blindspot.fleet.policies.api;

import io.blindspot.fleet.policies.application.ResultStore;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a policy's results, one server each. */
@Schema(name = "PolicyResultsPage")
public record PolicyResultsPage(
    String policy,
    List<ServerStatusView> items,
    @Schema(description = "Pass as `after` for the next page; null on the last page") String next) {

  /** A server's effective result for the policy. */
  @Schema(name = "PolicyServerStatus")
  public record ServerStatusView(
      @Schema(examples = "web-01.example.org") String server,
      @Schema(enumeration = {"pass", "fail", "waived", "not-applicable"}) String status,
      Long waiverId,
      Instant waivedUntil,
      Instant evaluatedAt,
      @Schema(description = "Failing (or waived) requirement and path pairs") int findings) {

    static ServerStatusView of(ResultStore.ServerStatus s) {
      return new ServerStatusView(
          s.hostname(), s.status(), s.waiverId(), s.waivedUntil(), s.evaluatedAt(), s.findings());
    }
  }
}
