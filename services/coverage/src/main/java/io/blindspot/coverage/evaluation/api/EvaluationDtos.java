package io.blindspot.coverage.evaluation.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.backup.Caveat;
import io.blindspot.core.backup.Filesystem;
import io.blindspot.core.backup.RuleRef;
import io.blindspot.core.backup.RuleTrace;
import io.blindspot.core.backup.TreeFacts;
import io.blindspot.core.backup.Verdict;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The wire forms of the rule playground. */
final class EvaluationDtos {

  private EvaluationDtos() {}

  static final int MAX_PATHS = 1_000_000;

  @Schema(name = "EvaluationRequest")
  record EvaluationRequest(
      @NotNull @Schema(description = "The job descriptor, as agents upload it") BackupJob job,
      @NotNull
          @Size(max = MAX_PATHS)
          @Schema(description = "Absolute paths; a trailing / marks a directory")
          List<@NotNull @Pattern(regexp = "/.*", message = "must be an absolute path") String>
              paths,
      @Schema(description = "Mounts, for one-file-system rules")
          List<@Valid Filesystem> filesystems,
      @Schema(description = "Contents of marker and merge files in the evaluated tree")
          Map<String, String> fileContents,
      @Schema(description = "Which listed paths are symlinks, and their targets")
          Map<String, String> symlinks) {

    TreeFacts facts() {
      return new TreeFacts(filesystems, fileContents, symlinks);
    }
  }

  @Schema(name = "ExplainRequest")
  record ExplainRequest(
      @NotNull BackupJob job,
      @NotBlank @Pattern(regexp = "/.*", message = "must be an absolute path") String path,
      List<Filesystem> filesystems,
      Map<String, String> fileContents,
      Map<String, String> symlinks) {

    TreeFacts facts() {
      return new TreeFacts(filesystems, fileContents, symlinks);
    }
  }

  @Schema(name = "PathVerdict")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record PathVerdict(
      String path,
      boolean included,
      @Schema(
              enumeration = {
                "included",
                "excluded-by-rule",
                "parent-excluded",
                "outside-sources",
                "other-filesystem",
                "excluded-by-marker"
              })
          String reason,
      RuleRef rule,
      @Schema(
              description =
                  "The excluded ancestor, the mount point, or the directory holding the marker")
          String ancestor) {

    static PathVerdict of(Verdict verdict) {
      return new PathVerdict(
          verdict.path(),
          verdict.included(),
          verdict.reason().id(),
          verdict.rule(),
          verdict.ancestor());
    }
  }

  @Schema(name = "EvaluationSummary")
  record Summary(long included, long excluded) {}

  @Schema(name = "EvaluationResponse")
  record EvaluationResponse(List<PathVerdict> results, Summary summary, List<Caveat> caveats) {}

  @Schema(name = "RuleStep")
  record Step(String path, RuleRef rule, boolean matched, boolean decided) {}

  @Schema(name = "Explanation")
  record Explanation(PathVerdict verdict, List<Step> steps, List<Caveat> caveats) {

    static Explanation of(RuleTrace trace, List<Caveat> caveats) {
      return new Explanation(
          PathVerdict.of(trace.verdict()),
          trace.steps().stream()
              .map(s -> new Step(s.path(), s.rule(), s.matched(), s.decided()))
              .toList(),
          caveats);
    }
  }
}
