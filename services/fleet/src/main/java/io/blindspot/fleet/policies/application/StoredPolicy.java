package io.blindspot.fleet.policies.application;

import io.blindspot.core.policy.Policy;
import java.time.Instant;

/** A policy as stored: the policy, whether Blindspot shipped it, and its revision. */
public record StoredPolicy(
    Policy policy, boolean baseline, int revision, Instant createdAt, Instant updatedAt) {}
