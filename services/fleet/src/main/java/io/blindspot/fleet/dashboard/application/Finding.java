package io.blindspot.fleet.dashboard.application;

import java.time.Instant;

/**
 * A failing (or waived) requirement on a server, for an asset path or for the server as a whole.
 *
 * @param status "fail" or "waived"; a waiver past its expiry already reads "fail"
 * @param path '' when the requirement is not about one path
 * @param rule the rule that hides the path ("file:line: text"), from the evidence; null if none
 * @param fix the first fix the evidence offers, in a sentence; null if none
 * @param evidence the stored evidence, as JSON text
 * @param anchor the id of the path's section on the server page when the path is an asset
 */
public record Finding(
    String hostname,
    String policy,
    String requirement,
    String path,
    String severity,
    String status,
    Instant waivedUntil,
    String assetKind,
    String assetStatus,
    String job,
    String message,
    String rule,
    String fix,
    String evidence,
    Instant firstSeen,
    String anchor) {}
