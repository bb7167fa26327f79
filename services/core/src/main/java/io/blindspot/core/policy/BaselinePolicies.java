package io.blindspot.core.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The policies Blindspot ships enabled, so a new installation gives useful answers before anyone
 * writes a policy. Kept as data (baseline-policies.json) and read with the same parser as operator
 * policies, so the shipped set cannot hold what an operator could not write.
 */
public final class BaselinePolicies {

  private static final String RESOURCE = "baseline-policies.json";

  private BaselinePolicies() {}

  public static List<Policy> load() {
    try (InputStream in = BaselinePolicies.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      JsonNode array = new ObjectMapper().readTree(in);
      List<Policy> policies = new ArrayList<>();
      for (JsonNode policy : array) {
        policies.add(PolicyParser.fromTree(policy));
      }
      return List.copyOf(policies);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
