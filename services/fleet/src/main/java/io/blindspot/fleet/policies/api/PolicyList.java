package io.blindspot.fleet.policies.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Every policy, by name. */
@Schema(name = "PolicyList")
public record PolicyList(List<PolicyView> items) {}
