package io.blindspot.coverage;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The OpenAPI document's header: what this service is and how clients authenticate. */
@OpenAPIDefinition(
    info =
        @Info(
            title = "Blindspot coverage API",
            version = "1.0",
            description =
                "Derives each server's world, evaluates every backup job's rules exactly as the"
                    + " real tool would, and keeps coverage current."))
@SecurityScheme(
    securitySchemeName = "operatorToken",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description = "An operator token: the admin token, or a viewer token")
public class CoverageApi extends Application {}
