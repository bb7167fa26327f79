package io.blindspot.fleet.policies.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.blindspot.fleet.policies.application.ResultStore;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A server's result for every enabled policy, with the findings behind each failure. */
@Schema(name = "ServerPolicies")
public record ServerPoliciesView(
    @Schema(examples = "web-01.example.org") String server, List<ResultView> items) {

  static ServerPoliciesView of(String hostname, List<ResultStore.ServerResult> results) {
    return new ServerPoliciesView(hostname, results.stream().map(ResultView::of).toList());
  }

  /** One policy's result. */
  @Schema(name = "PolicyResult")
  public record ResultView(
      @Schema(examples = "package-db-covered") String policy,
      @Schema(enumeration = {"critical", "high", "medium", "low"}) String severity,
      @Schema(
              description = "Effective: a waived result past its waiver's expiry is fail",
              enumeration = {"pass", "fail", "waived", "not-applicable"})
          String status,
      Long waiverId,
      Instant waivedUntil,
      Instant evaluatedAt,
      @Schema(
              type = SchemaType.ARRAY,
              description =
                  "Every requirement's outcome: {requirement, type, passed, summary}, passing"
                      + " ones included")
          JsonNode requirements,
      List<FindingView> findings) {

    static ResultView of(ResultStore.ServerResult r) {
      return new ResultView(
          r.policy(),
          r.severity(),
          r.status(),
          r.waiverId(),
          r.waivedUntil(),
          r.evaluatedAt(),
          r.outcomes(),
          r.findings().stream().map(FindingView::of).toList());
    }
  }

  /** A failing (or waived) requirement on one asset path. */
  @Schema(name = "PolicyFinding")
  public record FindingView(
      @Schema(examples = "package-db-and-world-set") String requirement,
      @Schema(
              description = "The asset path; empty when the requirement is not about a path",
              examples = "/var/db/pkg/")
          String path,
      String severity,
      @Schema(enumeration = {"fail", "waived"}) String status,
      Long waiverId,
      Instant waivedUntil,
      @Schema(examples = "package-db") String assetKind,
      @Schema(examples = "uncovered") String assetStatus,
      @Schema(
              description = "The job whose rule hides the path, or whose success is too old",
              examples = "web1")
          String job,
      @Schema(
              examples =
                  "package-db /var/db/pkg/ is uncovered: job web1: parent-excluded (/var/db/) by"
                      + " '/var/db' (/etc/dirvish/master.conf:5)")
          String message,
      @Schema(
              type = SchemaType.OBJECT,
              description =
                  "jobs (each job's verdict), probe (verdicts on a path that is no asset), rule,"
                      + " gaps, remediation, reasons")
          JsonNode evidence,
      @Schema(description = "When this finding was first seen on the server") Instant firstSeen) {

    static FindingView of(ResultStore.FindingRow f) {
      return new FindingView(
          f.requirement(),
          f.path(),
          f.severity(),
          f.status(),
          f.waiverId(),
          f.waivedUntil(),
          f.assetKind(),
          f.assetStatus(),
          f.job(),
          f.message(),
          f.evidence(),
          f.firstSeen());
    }
  }
}
