package io.blindspot.ingest.listings.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.core.backup.listing.ListingFormatException;
import io.blindspot.core.backup.listing.ListingMatcher;
import io.blindspot.core.backup.listing.ListingReader;
import io.blindspot.core.packages.PackageFormatException;
import io.blindspot.core.packages.PackageSet;
import io.blindspot.core.packages.PackageSetJson;
import io.blindspot.core.world.Asset;
import io.blindspot.core.world.Inventory;
import io.blindspot.core.world.InventoryJson;
import io.blindspot.core.world.ServiceEntry;
import io.blindspot.core.world.ServiceKnowledge;
import io.blindspot.core.world.WorldDeriver;
import io.blindspot.ingest.IngestConfig;
import io.blindspot.ingest.backups.application.ReceiveBackups;
import io.blindspot.ingest.uploads.application.MalformedReport;
import io.blindspot.ingest.uploads.application.MalformedUpload;
import io.blindspot.ingest.uploads.application.ReportKind;
import io.blindspot.ingest.uploads.application.UnsupportedUpload;
import io.blindspot.ingest.uploads.application.UploadMetrics;
import io.blindspot.ingest.uploads.application.UploadMetrics.Outcome;
import io.blindspot.ingest.uploads.application.UploadOutcome;
import io.blindspot.ingest.uploads.application.UploadTooLarge;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * An agent uploads the file listing of a job's latest snapshot, streamed: the body is read once, in
 * constant memory, and checked against the server's paths of interest (every asset and probe of its
 * current world, as derived from its inventory and packages); what is stored is the compressed body
 * and which of those paths the listing holds, never one row per file. The same body as the job's
 * current listing answers "unchanged"; it can only be known once the body has been read whole.
 */
@ApplicationScoped
public class ReceiveListing {

  /** The media types accepted, in the order the 415 problem lists them. */
  public static final List<String> MEDIA_TYPES = ListingReader.mediaTypes();

  private final ListingStore store;
  private final RecordListing recorder;
  private final UploadMetrics metrics;
  private final IngestConfig config;
  private final ObjectMapper json;
  private final ServiceKnowledge builtIn = ServiceKnowledge.builtIn();

  ReceiveListing(
      ListingStore store,
      RecordListing recorder,
      UploadMetrics metrics,
      IngestConfig config,
      ObjectMapper json) {
    this.store = store;
    this.recorder = recorder;
    this.metrics = metrics;
    this.config = config;
    this.json = json;
  }

  /**
   * @throws UnsupportedUpload for a Content-Type with no listing reader, or an unknown encoding
   * @throws UnknownJob when the server's current jobs do not name {@code job}
   * @throws MalformedReport for a malformed line, naming it
   * @throws UploadTooLarge over blindspot.listings.max-bytes once decompressed
   * @throws MalformedUpload for a corrupt or truncated gzip body
   */
  public UploadOutcome<StoredListing> receive(
      UUID serverId, String job, String contentType, String contentEncoding, InputStream body)
      throws IOException {
    ListingReader reader;
    boolean gzip;
    try {
      reader = ListingReader.forMediaType(contentType);
      gzip = isGzip(contentEncoding);
    } catch (IllegalArgumentException e) {
      metrics.count(ReportKind.LISTING, UploadMetrics.UNKNOWN_FORMAT, Outcome.REJECTED);
      throw new UnsupportedUpload("Content-Type", contentType, MEDIA_TYPES);
    } catch (UnsupportedUpload e) {
      metrics.count(ReportKind.LISTING, UploadMetrics.UNKNOWN_FORMAT, Outcome.REJECTED);
      throw e;
    }
    String format = reader.mediaType();
    if (!ReceiveBackups.JOB_NAME.matcher(job).matches() || !store.jobExists(serverId, job)) {
      metrics.count(ReportKind.LISTING, format, Outcome.REJECTED);
      throw new UnknownJob(job);
    }
    ListingMatcher matcher = new ListingMatcher(pathsOfInterest(serverId));
    long start = System.nanoTime();
    SpooledListing spooled;
    try {
      spooled = SpooledListing.read(body, gzip, config.listings().maxBytes(), reader, matcher);
    } catch (ListingFormatException e) {
      metrics.count(ReportKind.LISTING, format, Outcome.REJECTED);
      throw new MalformedReport(
          new PackageFormatException(null, (int) Math.min(e.line(), Integer.MAX_VALUE), reason(e)));
    } catch (IOException | RuntimeException e) {
      metrics.count(ReportKind.LISTING, format, Outcome.REJECTED);
      throw e;
    } finally {
      metrics.parsed(format, System.nanoTime() - start);
    }
    try (spooled) {
      metrics.size(ReportKind.LISTING, format, spooled.size());
      if (store.touchIfUnchanged(serverId, job, spooled.sha256())) {
        metrics.count(ReportKind.LISTING, format, Outcome.UNCHANGED);
        return new UploadOutcome.Unchanged<>();
      }
      ListingMatcher.Result result = spooled.result();
      List<String> checked = new ArrayList<>(result.present().size() + result.absent().size());
      checked.addAll(result.present());
      checked.addAll(result.absent());
      CheckedListing listing =
          new CheckedListing(
              format,
              result.entries(),
              snapshot(format, spooled.firstLine()),
              result.present(),
              checked);
      Optional<StoredListing> stored;
      try {
        stored = recorder.record(serverId, job, spooled, listing);
      } catch (RuntimeException e) {
        metrics.count(ReportKind.LISTING, format, Outcome.REJECTED);
        throw e;
      }
      metrics.count(
          ReportKind.LISTING, format, stored.isPresent() ? Outcome.STORED : Outcome.UNCHANGED);
      return stored
          .<UploadOutcome<StoredListing>>map(UploadOutcome.Stored::new)
          .orElseGet(UploadOutcome.Unchanged::new);
    }
  }

  /**
   * The paths a listing is checked for: every asset of the server's current world, and every probe
   * inside one (a package database entry, say), as the coverage evaluation will ask for them.
   */
  List<String> pathsOfInterest(UUID serverId) {
    Inventory inventory = store.currentInventory(serverId).map(InventoryJson::read).orElse(null);
    PackageSet packages =
        store.currentPackageSet(serverId).map(ReceiveListing::packageSet).orElse(null);
    Set<String> paths = new LinkedHashSet<>();
    for (Asset asset : new WorldDeriver(knowledge()).derive(inventory, packages).assets()) {
      paths.add(asset.path());
      paths.addAll(asset.probes());
    }
    return List.copyOf(paths);
  }

  private ServiceKnowledge knowledge() {
    List<String> added = store.addedKnowledge();
    if (added.isEmpty()) {
      return builtIn;
    }
    List<ServiceEntry> entries = new ArrayList<>(added.size());
    for (String entry : added) {
      try {
        entries.add(json.readValue(entry, ServiceEntry.class));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a stored knowledge entry no longer parses", e);
      }
    }
    return builtIn.with(entries);
  }

  private static PackageSet packageSet(String text) {
    try {
      return PackageSetJson.fromJson(text);
    } catch (PackageFormatException e) {
      throw new IllegalStateException(
          "a stored package set no longer parses: " + e.getMessage(), e);
    }
  }

  /**
   * The snapshot name, where the format carries one: restic's first line is the snapshot object
   * (its "id"); a dirvish index's first line is the image tree itself, VAULT/IMAGE/tree.
   */
  private String snapshot(String format, String firstLine) {
    if (ListingReader.RESTIC_LS_JSON.equals(format) && firstLine.startsWith("{")) {
      try {
        JsonNode node = json.readTree(firstLine);
        String kind = node.path("struct_type").asText(node.path("message_type").asText(""));
        if ("snapshot".equals(kind) && node.hasNonNull("id")) {
          return node.get("id").asText();
        }
      } catch (JsonProcessingException e) {
        return null; // the reader accepted the line; nothing to name here
      }
    }
    if (ListingReader.DIRVISH_INDEX.equals(format)) {
      String line = firstLine.stripTrailing();
      if (line.endsWith("/tree")) {
        String image = line.substring(0, line.length() - "/tree".length());
        return image.substring(image.lastIndexOf('/') + 1).replace("\\ ", " ");
      }
    }
    return null;
  }

  private static String reason(ListingFormatException e) {
    String prefix = "line " + e.line() + ": ";
    String message = e.getMessage();
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }

  private static boolean isGzip(String contentEncoding) {
    if (contentEncoding == null || contentEncoding.isBlank()) {
      return false;
    }
    return switch (contentEncoding.strip().toLowerCase(Locale.ROOT)) {
      case "gzip", "x-gzip" -> true;
      case "identity" -> false;
      default ->
          throw new UnsupportedUpload(
              "Content-Encoding", contentEncoding, List.of("gzip", "identity"));
    };
  }
}
