package io.blindspot.ingest.agents.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an agent sends to enroll. */
@Schema(name = "EnrollRequest")
public record EnrollRequest(
    @Schema(description = "The server's hostname; unique across the fleet", examples = "web1")
        @NotBlank
        @Size(max = 253)
        @Pattern(
            regexp = "[A-Za-z0-9._-]+",
            message = "must be a hostname (letters, digits, . _ -)")
        String hostname,
    @Schema(
            description = "/etc/machine-id: what identifies the machine across re-enrollments",
            examples = "4c4c4544004d3510804ab4c04f4e3332")
        @NotBlank
        @Size(max = 128)
        String machineId,
    @Schema(
            description = "An enrollment token created by an operator",
            examples = "bse_Zm9vYmFyYmF6cXV4")
        @NotBlank
        @Size(max = 512)
        String enrollmentToken) {}
