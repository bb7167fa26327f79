package io.blindspot.fleet.policies.application;

import io.blindspot.core.policy.Policy;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where policies are kept. */
public interface PolicyStore {

  /** Every policy, by name. */
  List<StoredPolicy> all();

  /** The enabled policies, for evaluation. */
  List<Policy> enabled();

  Optional<StoredPolicy> find(String name);

  /** The policy, locked until the transaction ends, so concurrent writes cannot lose an update. */
  Optional<StoredPolicy> lock(String name);

  /** Inserts unless the name is taken; returns whether it inserted. */
  boolean insert(Policy policy, boolean baseline);

  /** Replaces the policy's content and bumps its revision. */
  void replace(Policy policy);

  boolean delete(String name);

  /** Effective result counts per policy (status to count), for the list. */
  Map<String, Map<String, Long>> resultCounts();
}
