package io.blindspot.ingest.inventory.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.ingest.uploads.application.ReportIntake;
import io.blindspot.ingest.uploads.application.ReportKind;
import io.blindspot.ingest.uploads.application.UnsupportedUpload;
import io.blindspot.ingest.uploads.application.UploadOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * An agent uploads its inventory: validated, stored as a snapshot, denormalised onto the server.
 */
@ApplicationScoped
public class ReceiveInventory {

  public static final String MEDIA_TYPE = "application/json";

  private final ReportIntake intake;
  private final RecordInventory recorder;
  private final ObjectMapper json;
  private final Validator validator;

  ReceiveInventory(
      ReportIntake intake, RecordInventory recorder, ObjectMapper json, Validator validator) {
    this.intake = intake;
    this.recorder = recorder;
    this.json = json;
    this.validator = validator;
  }

  public UploadOutcome<StoredInventory> receive(
      UUID serverId, String contentType, String contentEncoding, byte[] body) throws IOException {
    if (!isJson(contentType)) {
      intake.rejected(ReportKind.INVENTORY, "unknown");
      throw new UnsupportedUpload("Content-Type", contentType, List.of(MEDIA_TYPE));
    }
    return intake.receive(
        serverId,
        ReportKind.INVENTORY,
        MEDIA_TYPE,
        body,
        contentEncoding,
        this::parse,
        recorder::record);
  }

  private InventoryDocument parse(byte[] content) throws IOException {
    JsonNode document = json.readTree(content);
    if (document == null || !document.isObject()) {
      throw new ConstraintViolationException("the inventory must be a JSON object", Set.of());
    }
    Inventory inventory = json.treeToValue(document, Inventory.class);
    Set<ConstraintViolation<Inventory>> violations = validator.validate(inventory);
    if (!violations.isEmpty()) {
      throw new ConstraintViolationException(violations);
    }
    return new InventoryDocument(inventory, document.toString());
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
