package io.blindspot.fleet.tokens.api;

import io.blindspot.fleet.tokens.application.IssuedOperatorToken;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A newly issued operator token, secret included: the only time it is ever shown. */
@Schema(name = "IssuedOperatorToken")
public record IssuedOperatorTokenView(
    @Schema(examples = "9b2d6c1e-4f3a-4e8b-a1d2-7c5e0f9a8b31") UUID id,
    @Schema(examples = "grafana") String name,
    @Schema(
            enumeration = {"viewer", "admin"},
            examples = "viewer")
        String role,
    @Schema(
            description =
                "The secret, for `Authorization: Bearer ...`; shown only in this response",
            examples = "bso_Jx4bq0vYh3mW8sK2pR7tL1nC6dF9gA5eZ3uQ0iO2wE8")
        String token,
    @Schema(examples = "2026-12-05T01:30:00Z") Instant createdAt) {

  static IssuedOperatorTokenView of(IssuedOperatorToken issued) {
    return new IssuedOperatorTokenView(
        issued.token().id(),
        issued.token().name(),
        issued.token().role().name().toLowerCase(Locale.ROOT),
        issued.secret(),
        issued.token().createdAt());
  }
}
