package io.blindspot.fleet.tokens.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** All operator tokens, newest first, revoked ones included. */
@Schema(name = "OperatorTokenList")
public record OperatorTokenList(List<OperatorTokenView> items) {}
