package io.blindspot.fleet.knowledge.application;

import java.util.List;
import java.util.Map;

/** An operator's service entry as submitted, before it is checked. */
public record ServiceEntryDraft(
    String name,
    String severity,
    Map<String, List<String>> packages,
    List<String> services,
    List<String> paths,
    String note,
    Map<String, List<String>> pathsByManager) {}
