package io.blindspot.fleet.findings.api;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.blindspot.fleet.findings.application.Finding;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One failing (or waived) requirement of a policy on a server. */
@Schema(name = "Finding")
public record FindingView(
    @Schema(examples = "web-01.example.org") String hostname,
    @Schema(examples = "package-db-covered") String policy,
    @Schema(
            description = "The policy's severity",
            enumeration = {"critical", "high", "medium", "low"},
            examples = "critical")
        String severity,
    @Schema(description = "The requirement's id within the policy", examples = "assets-covered")
        String requirement,
    @Schema(
            description = "The asset path the finding is about; empty when not about one path",
            examples = "/var/db/pkg/")
        String path,
    @Schema(
            description = "Effective status: a finding whose waiver expired is `fail`",
            enumeration = {"fail", "waived"},
            examples = "fail")
        String status,
    @Schema(examples = "package-db") String assetKind,
    @Schema(examples = "uncovered") String assetStatus,
    @Schema(description = "The backup job concerned, when one is", examples = "nightly") String job,
    @Schema(examples = "/var/db/pkg/ is uncovered: excluded by /etc/dirvish/master.conf:5")
        String message,
    @Schema(
            description = "When this requirement first failed here",
            examples = "2026-11-20T03:15:00Z")
        Instant firstSeen,
    @Schema(description = "The waiver behind a waived finding (kept after it expired); else null")
        WaiverRef waiver,
    @JsonRawValue
        @Schema(
            type = SchemaType.OBJECT,
            description = "What the finding rests on: the rule, the gap, the fix",
            examples =
                "{\"rule\": {\"file\": \"/etc/dirvish/master.conf\", \"line\": 5, \"text\":"
                    + " \"/var/db\"}}")
        String evidence) {

  /** A waiver, by id, and when it stops applying. */
  @Schema(name = "WaiverRef")
  public record WaiverRef(
      @Schema(examples = "12") Long id, @Schema(examples = "2026-12-31T00:00:00Z") Instant until) {}

  static FindingView of(Finding f) {
    return new FindingView(
        f.hostname(),
        f.policy(),
        f.severity(),
        f.requirement(),
        f.path(),
        f.status(),
        f.assetKind(),
        f.assetStatus(),
        f.job(),
        f.message(),
        f.firstSeen(),
        f.waiverId() == null && f.waivedUntil() == null
            ? null
            : new WaiverRef(f.waiverId(), f.waivedUntil()),
        f.evidence() == null ? "{}" : f.evidence());
  }
}
