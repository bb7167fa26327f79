package io.blindspot.fleet.compliance.api;

import io.blindspot.fleet.compliance.application.PathCoverage;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How one server's backups treat the path asked about. */
@Schema(name = "PathCoverage")
public record PathCoverageView(
    @Schema(examples = "web-01.example.org") String hostname,
    @Schema(
            description = "The asset at the path, or the nearest asset containing it",
            examples = "/var/db/pkg/")
        String asset,
    @Schema(description = "Whether the asset is the path itself") boolean exact,
    @Schema(examples = "package-db") String kind,
    @Schema(examples = "critical") String severity,
    @Schema(examples = "uncovered") String status,
    @Schema(description = "The jobs that keep the asset", examples = "[\"nightly\"]")
        List<String> coveredBy,
    @Schema(
            description =
                "Each job that does not keep it, with its reason and the rule that hides it (file,"
                    + " line, text), as the coverage evaluation gave them")
        List<Map<String, Object>> hiddenBy,
    @Schema(description = "Lost descendants at, above or under the path, with job and rule")
        List<Map<String, Object>> gaps,
    @Schema(description = "The verified fixes, in each tool's own syntax")
        List<Object> remediation) {

  static PathCoverageView of(String path, PathCoverage c) {
    String plain = strip(path);
    List<String> covered =
        c.jobs().stream()
            .filter(job -> Boolean.TRUE.equals(job.get("included")))
            .map(job -> Objects.toString(job.get("job"), null))
            .toList();
    List<Map<String, Object>> hidden =
        c.jobs().stream().filter(job -> !Boolean.TRUE.equals(job.get("included"))).toList();
    List<Map<String, Object>> gaps =
        c.gaps().stream()
            .filter(
                gap -> {
                  String gapPath = strip(Objects.toString(gap.get("path"), ""));
                  return related(gapPath, plain);
                })
            .toList();
    return new PathCoverageView(
        c.hostname(),
        c.assetPath(),
        strip(c.assetPath()).equals(plain),
        c.kind(),
        c.severity(),
        c.status(),
        covered,
        hidden,
        gaps,
        c.remediation());
  }

  /** Whether one of the two paths is the other or inside it. */
  private static boolean related(String a, String b) {
    return a.equals(b) || a.startsWith(b + "/") || b.startsWith(a + "/") || a.isEmpty();
  }

  static String strip(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
