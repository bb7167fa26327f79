package io.blindspot.ingest.backups.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.backup.BackupRuleEngines;
import io.blindspot.core.backup.JobConfigException;
import io.blindspot.core.backup.LastRun;
import io.blindspot.ingest.backups.application.InvalidBackupJobs.Violation;
import io.blindspot.ingest.uploads.application.ReportIntake;
import io.blindspot.ingest.uploads.application.ReportKind;
import io.blindspot.ingest.uploads.application.UnsupportedUpload;
import io.blindspot.ingest.uploads.application.UploadOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An agent uploads the descriptors of every backup job its server runs: validated field by field,
 * each job compiled with its tool's engine (so that a job the coverage evaluation could not read is
 * refused now, naming the option, file and line, rather than discovered later), then stored as the
 * server's new set of jobs.
 */
@ApplicationScoped
public class ReceiveBackups {

  public static final String MEDIA_TYPE = "application/json";

  /** What a job name may be: it goes into URLs ({@code /backups/{job}/listing}) as is. */
  public static final Pattern JOB_NAME = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

  /** The statuses of {@code lastRun.status}. */
  public static final List<String> STATUSES = List.of("success", "failure", "partial", "running");

  private final ReportIntake intake;
  private final RecordBackups recorder;
  private final ObjectMapper json;

  ReceiveBackups(ReportIntake intake, RecordBackups recorder, ObjectMapper json) {
    this.intake = intake;
    this.recorder = recorder;
    this.json = json;
  }

  /**
   * @throws UnsupportedUpload for a Content-Type other than application/json
   * @throws InvalidBackupJobs when a descriptor is malformed, naming each offending field
   * @throws JobConfigRejected when a job does not compile; nothing is stored
   */
  public UploadOutcome<StoredBackups> receive(
      UUID serverId, String contentType, String contentEncoding, byte[] body) throws IOException {
    if (!isJson(contentType)) {
      intake.rejected(ReportKind.BACKUPS, "unknown");
      throw new UnsupportedUpload("Content-Type", contentType, List.of(MEDIA_TYPE));
    }
    return intake.receive(
        serverId,
        ReportKind.BACKUPS,
        MEDIA_TYPE,
        body,
        contentEncoding,
        this::parse,
        recorder::record);
  }

  ParsedBackups parse(byte[] content) throws IOException {
    JsonNode document = json.readTree(content);
    if (document == null || !document.isArray()) {
      throw new InvalidBackupJobs(
          List.of(new Violation("body", "must be a JSON array of job descriptors")));
    }
    List<Violation> violations = new ArrayList<>();
    List<BackupJob> jobs = new ArrayList<>();
    Map<String, Integer> names = new HashMap<>();
    for (int i = 0; i < document.size(); i++) {
      BackupJob job = job(document.get(i), "[" + i + "]", violations);
      if (job == null) {
        continue;
      }
      Integer first = names.putIfAbsent(job.name(), i);
      if (first != null) {
        violations.add(
            new Violation(
                "[" + i + "].name",
                "duplicate job name '" + job.name() + "' (also [" + first + "].name)"));
      }
      jobs.add(job);
    }
    if (!violations.isEmpty()) {
      throw new InvalidBackupJobs(violations);
    }
    for (int i = 0; i < jobs.size(); i++) {
      try {
        BackupRuleEngines.compile(jobs.get(i));
      } catch (JobConfigException e) {
        throw new JobConfigRejected(i, jobs.get(i).name(), e);
      }
    }
    List<String> descriptors = new ArrayList<>(jobs.size());
    ArrayNode array = json.createArrayNode();
    for (BackupJob job : jobs) {
      ObjectNode descriptor = descriptor(job);
      descriptors.add(descriptor.toString());
      array.add(descriptor);
    }
    return new ParsedBackups(List.copyOf(jobs), List.copyOf(descriptors), array.toString());
  }

  /** Reads one descriptor, adding a violation per offending field; null when there was one. */
  private static BackupJob job(JsonNode node, String at, List<Violation> violations) {
    if (node == null || !node.isObject()) {
      violations.add(new Violation(at, "must be a job descriptor (a JSON object)"));
      return null;
    }
    int before = violations.size();
    String name = string(node, "name", at, true, violations);
    if (name != null && !JOB_NAME.matcher(name).matches()) {
      violations.add(new Violation(at + ".name", "must match " + JOB_NAME.pattern()));
    }
    String tool = string(node, "tool", at, true, violations);
    if (tool != null && !BackupRuleEngines.tools().contains(tool)) {
      violations.add(
          new Violation(
              at + ".tool",
              "unknown tool '"
                  + tool
                  + "'; supported: "
                  + String.join(", ", BackupRuleEngines.tools())));
    }
    List<String> command = new ArrayList<>();
    JsonNode argv = node.get("command");
    if (argv == null || argv.isNull()) {
      violations.add(new Violation(at + ".command", "must not be null"));
    } else if (!argv.isArray() || argv.isEmpty()) {
      violations.add(
          new Violation(at + ".command", "must be the argv the server runs: a non-empty array"));
    } else {
      for (int j = 0; j < argv.size(); j++) {
        if (!argv.get(j).isTextual()) {
          violations.add(new Violation(at + ".command[" + j + "]", "must be a string"));
        } else {
          command.add(argv.get(j).asText());
        }
      }
    }
    Map<String, String> files = new TreeMap<>();
    JsonNode filesNode = node.get("files");
    if (filesNode != null && !filesNode.isNull()) {
      if (!filesNode.isObject()) {
        violations.add(
            new Violation(at + ".files", "must be an object: absolute path to file content"));
      } else {
        for (Iterator<Map.Entry<String, JsonNode>> it = filesNode.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> file = it.next();
          String field = at + ".files[\"" + file.getKey() + "\"]";
          if (!file.getKey().startsWith("/")) {
            violations.add(new Violation(field, "the path must be absolute"));
          } else if (!file.getValue().isTextual()) {
            violations.add(new Violation(field, "the content must be a string"));
          } else {
            files.put(file.getKey(), file.getValue().asText());
          }
        }
      }
    }
    String schedule = string(node, "schedule", at, false, violations);
    LastRun lastRun = lastRun(node.get("lastRun"), at + ".lastRun", violations);
    if (violations.size() > before) {
      return null;
    }
    return new BackupJob(name, tool, command, files, schedule, lastRun);
  }

  private static LastRun lastRun(JsonNode node, String at, List<Violation> violations) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      violations.add(new Violation(at, "must be an object"));
      return null;
    }
    Instant started = instant(node, "startedAt", at, violations);
    Instant finished = instant(node, "finishedAt", at, violations);
    String status = string(node, "status", at, true, violations);
    if (status != null && !STATUSES.contains(status)) {
      violations.add(
          new Violation(at + ".status", "must be one of " + String.join(", ", STATUSES)));
    }
    String snapshot = string(node, "snapshot", at, false, violations);
    return new LastRun(started, finished, status, snapshot);
  }

  private static String string(
      JsonNode node, String name, String at, boolean required, List<Violation> violations) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      if (required) {
        violations.add(new Violation(at + "." + name, "must not be null"));
      }
      return null;
    }
    if (!value.isTextual() || (required && value.asText().isBlank())) {
      violations.add(
          new Violation(
              at + "." + name, required ? "must be a non-blank string" : "must be a string"));
      return null;
    }
    return value.asText();
  }

  private static Instant instant(
      JsonNode node, String name, String at, List<Violation> violations) {
    String text = string(node, name, at, false, violations);
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      violations.add(
          new Violation(
              at + "." + name,
              "must be an ISO-8601 date-time with offset, like 2026-11-25T02:00:00Z"));
      return null;
    }
  }

  /** The canonical descriptor: fixed field order, files by path, nulls left out. */
  private ObjectNode descriptor(BackupJob job) {
    ObjectNode node = json.createObjectNode();
    node.put("name", job.name());
    node.put("tool", job.tool());
    ArrayNode command = node.putArray("command");
    job.command().forEach(command::add);
    ObjectNode files = node.putObject("files");
    new TreeMap<>(job.files()).forEach(files::put);
    if (job.schedule() != null) {
      node.put("schedule", job.schedule());
    }
    LastRun run = job.lastRun();
    if (run != null) {
      ObjectNode last = node.putObject("lastRun");
      if (run.startedAt() != null) {
        last.put("startedAt", run.startedAt().toString());
      }
      if (run.finishedAt() != null) {
        last.put("finishedAt", run.finishedAt().toString());
      }
      last.put("status", run.status());
      if (run.snapshot() != null) {
        last.put("snapshot", run.snapshot());
      }
    }
    return node;
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String bare = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
    return MEDIA_TYPE.equals(bare.toLowerCase(Locale.ROOT));
  }
}
