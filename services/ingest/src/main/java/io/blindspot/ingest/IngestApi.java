package io.blindspot.ingest;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The ingest API as a whole: declares the agent token scheme its OpenAPI description refers to
 * (title and description come from application.properties).
 */
@SecurityScheme(
    securitySchemeName = "agentToken",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description =
        "The agent token issued by POST /api/v1/agent/enroll (bsa_<server id>_<secret>). The"
            + " admin token is not an agent token.")
public class IngestApi extends Application {}
