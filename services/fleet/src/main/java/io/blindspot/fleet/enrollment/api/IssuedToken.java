package io.blindspot.fleet.enrollment.api;

import io.blindspot.fleet.enrollment.application.IssuedEnrollmentToken;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A newly issued enrollment token, secret included: the only time it is ever shown. */
@Schema(name = "IssuedEnrollmentToken")
public record IssuedToken(
    @Schema(examples = "3f0c8a1e-5b7d-4c2a-9e61-0d2f4b8a7c55") UUID id,
    @Schema(
            description = "The secret; shown only in this response",
            examples = "bse_q3Xv1mYbJp0m8vS2b2R8yQe3nJ6fC1tZrGq9wK4hL7A")
        String token,
    @Schema(examples = "2026-12-02T11:30:00Z") Instant expiresAt,
    @Schema(examples = "{\"env\": \"prod\"}") Map<String, String> labels,
    @Schema(examples = "web tier, autumn rollout") String description) {

  static IssuedToken of(IssuedEnrollmentToken issued) {
    return new IssuedToken(
        issued.token().id(),
        issued.secret(),
        issued.token().expiresAt(),
        issued.token().labels(),
        issued.token().description());
  }
}
