package io.blindspot.fleet.servers.api;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Documentation only: the readiness values, as the OpenAPI item schema of the filter. */
@Schema(
    name = "Readiness",
    type = SchemaType.STRING,
    enumeration = {"READY", "AT_RISK", "NOT_RESTORABLE"})
final class ReadinessValue {

  private ReadinessValue() {}
}
