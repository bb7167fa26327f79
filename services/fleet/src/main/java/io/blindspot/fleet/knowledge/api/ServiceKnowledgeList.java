package io.blindspot.fleet.knowledge.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The whole knowledge base: built-in entries (unless replaced), then operator entries by id. */
@Schema(name = "ServiceKnowledgeList")
public record ServiceKnowledgeList(List<ServiceEntryView> items) {}
