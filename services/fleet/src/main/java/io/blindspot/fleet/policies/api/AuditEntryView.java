package io.blindspot.fleet.policies.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.blindspot.fleet.policies.application.AuditEntry;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One change, with the entity before and after it. */
@Schema(name = "AuditEntry")
public record AuditEntryView(
    long id,
    Instant at,
    @Schema(description = "admin, or the operator token's name", examples = "admin") String actor,
    @Schema(enumeration = {"policy", "waiver", "token"}) String entity,
    @Schema(examples = "etc-backed-up-daily") String entityId,
    @Schema(examples = "update") String action,
    @Schema(type = SchemaType.OBJECT, description = "null for a create") JsonNode before,
    @Schema(type = SchemaType.OBJECT, description = "null for a delete") JsonNode after) {

  static AuditEntryView of(AuditEntry e) {
    return new AuditEntryView(
        e.id(), e.at(), e.actor(), e.entity(), e.entityId(), e.action(), e.before(), e.after());
  }
}
