package io.blindspot.core.world;

import java.util.Set;

/** A mounted filesystem as the inventory reports it (/proc/mounts plus df sizes). */
public record Mount(
    String device,
    String mountPoint,
    String fsType,
    String options,
    Long sizeBytes,
    Long usedBytes) {

  /**
   * Filesystems that hold nothing a restore needs: kernel views, memory-backed, or assembled from
   * other mounts (overlay, squashfs images of snaps).
   */
  private static final Set<String> VIRTUAL =
      Set.of(
          "proc",
          "sysfs",
          "tmpfs",
          "devtmpfs",
          "devpts",
          "cgroup",
          "cgroup2",
          "overlay",
          "mqueue",
          "debugfs",
          "tracefs",
          "securityfs",
          "pstore",
          "bpf",
          "configfs",
          "fusectl",
          "hugetlbfs",
          "autofs",
          "binfmt_misc",
          "efivarfs",
          "nsfs",
          "rpc_pipefs",
          "ramfs",
          "squashfs",
          "nfsd",
          "selinuxfs",
          "fuse.gvfsd-fuse",
          "fuse.portal",
          "fuse.lxcfs",
          "rootfs",
          "none");

  /** A real filesystem: one whose contents exist only there and must be backed up. */
  public boolean isReal() {
    return fsType != null
        && !VIRTUAL.contains(fsType)
        && mountPoint != null
        && mountPoint.startsWith("/")
        && !mountPoint.startsWith("/proc/")
        && !mountPoint.startsWith("/sys/")
        && !mountPoint.startsWith("/run/")
        && !mountPoint.startsWith("/dev/");
  }

  /** Network filesystems are backed up where they are served, not here. */
  public boolean isNetwork() {
    return fsType != null
        && (fsType.startsWith("nfs")
            || fsType.equals("cifs")
            || fsType.equals("smb3")
            || fsType.startsWith("fuse.sshfs")
            || fsType.equals("glusterfs")
            || fsType.equals("ceph"));
  }
}
