package io.blindspot.core.coverage;

import io.blindspot.core.backup.BackupJob;
import io.blindspot.core.coverage.Remediation.Change;
import io.blindspot.core.coverage.RemediationPlanner.Edit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Dirvish backs up one tree per vault: what a vault's tree does not reach (another filesystem under
 * xdev, a directory outside the tree) gets a vault of its own, alike in everything else.
 */
final class DirvishVault {

  private DirvishVault() {}

  static Optional<Edit> addVaultFor(BackupJob job, String tree) {
    Optional<String> vault = vaultName(job.command());
    if (vault.isEmpty()) {
      return Optional.empty();
    }
    String suffix = "/" + vault.get() + "/dirvish/default.conf";
    String config =
        job.files().keySet().stream().filter(k -> k.endsWith(suffix)).findFirst().orElse(null);
    if (config == null) {
      return Optional.empty();
    }
    String bank = config.substring(0, config.length() - suffix.length());
    String name = vault.get() + tree.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-$", "");
    if (name.equals(vault.get())) {
      name = vault.get() + "-root";
    }
    List<String> lines = new ArrayList<>();
    boolean replaced = false;
    for (String line : job.files().get(config).lines().toList()) {
      if (line.matches("(?i)^tree:.*")) {
        lines.add("tree: " + tree);
        replaced = true;
      } else {
        lines.add(line);
      }
    }
    if (!replaced) {
      lines.add(0, "tree: " + tree);
    }
    String content = String.join("\n", lines) + "\n";
    String base = name;
    for (int i = 2; job.files().containsKey(bank + "/" + name + "/dirvish/default.conf"); i++) {
      name = base + "-" + i; // a vault of that name exists already
    }
    String newConfig = bank + "/" + name + "/dirvish/default.conf";
    Map<String, String> files = new LinkedHashMap<>(job.files());
    files.put(newConfig, content);
    List<String> argv = List.of("dirvish", "--vault", name);
    BackupJob added = new BackupJob(name, "dirvish", argv, files, job.schedule(), null);
    return Optional.of(
        new Edit(
            added,
            List.of(new Change(newConfig, "create-file", 0, content)),
            "create the vault "
                + name
                + " for "
                + tree
                + " ("
                + newConfig
                + ", initialise it with `dirvish --vault "
                + name
                + " --init`)"));
  }

  private static Optional<String> vaultName(List<String> argv) {
    for (int i = 0; i < argv.size(); i++) {
      String arg = argv.get(i);
      if (arg.equals("--vault") && i + 1 < argv.size()) {
        return Optional.of(argv.get(i + 1));
      }
      if (arg.startsWith("--vault=")) {
        return Optional.of(arg.substring("--vault=".length()));
      }
    }
    return Optional.empty();
  }
}
