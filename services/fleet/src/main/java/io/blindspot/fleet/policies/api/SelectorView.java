package io.blindspot.fleet.policies.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.blindspot.core.policy.Selector;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Which servers a policy or waiver picks; every given criterion must hold. */
@Schema(name = "Selector")
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SelectorView(
    @Schema(
            description = "Every label given, with exactly this value",
            examples = "{\"env\": \"prod\"}")
        Map<String, String> labels,
    @Schema(description = "One of these OS families", examples = "[\"debian\", \"gentoo\"]")
        List<String> osFamily,
    @JsonProperty("package")
        @Schema(description = "A package of this name is installed", examples = "mysql-server")
        String packageName,
    @Schema(description = "Hostname glob: * any run, ? one character", examples = "db-*")
        String hostname) {

  static SelectorView of(Selector selector) {
    if (selector == null) {
      return null;
    }
    return new SelectorView(
        new TreeMap<>(selector.labels()),
        selector.osFamily(),
        selector.packageName(),
        selector.hostname());
  }
}
