package io.blindspot.ingest.inventory.application;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The inventory an agent uploads: what is validated, and what the server row is described from. The
 * snapshot ({@code inventory_snapshots.inventory}) stores the document as sent, so fields a newer
 * agent adds are kept for the services that read them, though not validated here.
 */
@Schema(name = "Inventory", description = "What a server is: OS, kernel, disks, mounts, services")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Inventory(
    @Schema(examples = "web1") @NotBlank @Size(max = 253) String hostname,
    @Schema(description = "/etc/machine-id", examples = "4c4c4544004d3510804ab4c04f4e3332")
        @NotBlank
        @Size(max = 128)
        String machineId,
    @NotNull @Valid Os os,
    @Schema(description = "uname -r", examples = "6.6.13-gentoo") @NotBlank String kernel,
    @Schema(description = "uname -m", examples = "x86_64") @NotBlank String architecture,
    @Schema(description = "Mounted filesystems (findmnt / /proc/self/mounts)")
        List<@NotNull @Valid Mount> mounts,
    @Schema(description = "lsblk --json --bytes --output-all, as printed", type = SchemaType.OBJECT)
        ObjectNode blockDevices,
    @Schema(description = "sfdisk --dump of each disk, as printed", examples = "label: gpt\n...")
        String partitionTable,
    @Schema(description = "/etc/fstab as-is", examples = "/dev/sda3 / ext4 noatime 0 1\n")
        String fstab,
    @Schema(description = "Enabled services", examples = "[\"sshd\", \"mysql\"]")
        List<@NotBlank String> services,
    @Schema(
            description =
                "Labels the agent reports (agent.conf). Kept apart from the operator's labels,"
                    + " which win on a clash.")
        Map<@NotBlank String, @NotNull String> labels,
    @Schema(
            description = "Home directories of human users (passwd, uid >= 1000)",
            examples = "[\"/home/alice\"]")
        List<@NotBlank String> homes,
    @Schema(
            description =
                "md5 of the config files the packages declare, keyed by path, so that modified"
                    + " ones are known",
            examples = "{\"/etc/ssh/sshd_config\": \"2f1b8c0e7a1d4f9c3b5e6a7d8c9b0a1f\"}")
        Map<@NotBlank String, @NotNull String> configChecksums,
    @Schema(description = "The agent's version", examples = "1.0.0") String agentVersion,
    @Schema(description = "When the agent collected this", examples = "2026-11-25T10:15:00Z")
        OffsetDateTime collectedAt) {

  public Inventory {
    mounts = mounts == null ? List.of() : mounts;
    services = services == null ? List.of() : services;
    labels = labels == null ? Map.of() : labels;
  }

  /** /etc/os-release. */
  @Schema(name = "InventoryOs")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Os(
      @Schema(description = "ID", examples = "gentoo") @NotBlank String id,
      @Schema(description = "NAME", examples = "Gentoo") String name,
      @Schema(description = "VERSION_ID", examples = "2.17") String versionId,
      @Schema(description = "ID_LIKE, space-separated", examples = "rhel fedora") String idLike,
      @Schema(description = "PRETTY_NAME", examples = "Gentoo Linux") String prettyName) {}

  /** One mounted filesystem. */
  @Schema(name = "InventoryMount")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Mount(
      @Schema(examples = "/dev/sda3") @NotBlank String device,
      @Schema(examples = "/") @NotBlank String mountPoint,
      @Schema(examples = "ext4") @NotBlank String fsType,
      @Schema(examples = "rw,noatime") String options,
      @Schema(examples = "20000000000") @PositiveOrZero Long sizeBytes,
      @Schema(examples = "8000000000") @PositiveOrZero Long usedBytes) {}
}
