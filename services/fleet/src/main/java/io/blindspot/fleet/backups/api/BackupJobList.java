package io.blindspot.fleet.backups.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A server's current backup jobs, by name. */
@Schema(name = "BackupJobList")
public record BackupJobList(List<BackupJobView> items) {}
