package io.blindspot.fleet.backups.application;

import io.blindspot.fleet.problem.NotFound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/** One server's backup jobs as its agent last described them. */
@ApplicationScoped
public class ServerBackups {

  private final BackupStore store;

  public ServerBackups(BackupStore store) {
    this.store = store;
  }

  @Transactional
  public List<BackupJobEntry> jobs(String hostname) {
    return store.jobs(
        store
            .serverId(hostname)
            .orElseThrow(() -> new NotFound("no server with hostname '" + hostname + "'")));
  }
}
