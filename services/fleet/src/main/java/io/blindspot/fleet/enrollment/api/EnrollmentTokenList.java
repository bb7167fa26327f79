package io.blindspot.fleet.enrollment.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** All enrollment tokens, newest first. */
@Schema(name = "EnrollmentTokenList")
public record EnrollmentTokenList(List<EnrollmentTokenView> items) {}
