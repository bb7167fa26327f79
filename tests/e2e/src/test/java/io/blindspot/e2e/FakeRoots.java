package io.blindspot.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** Builds the file trees of fake servers for {@code blindspot-agent --root}. */
final class FakeRoots {

  private FakeRoots() {}

  /** Gentoo with a slotted kernel source, a world file and a dirvish vault of / without /var/db. */
  static Path gentoo(Path root, String hostname) {
    common(root, hostname, "6.6.13-gentoo");
    write(
        root,
        "etc/os-release",
        "NAME=Gentoo\nID=gentoo\nPRETTY_NAME=\"Gentoo Linux\"\nVERSION_ID=\"2.17\"\n");
    write(root, "etc/runlevels/default/sshd", "");
    write(root, "etc/runlevels/default/dirvish-cron", "");
    pkg(root, "sys-kernel", "gentoo-sources-6.6.13", "6.6.13");
    pkg(root, "sys-kernel", "gentoo-sources-6.1.80", "6.1.80");
    pkg(root, "app-editors", "vim-9.1.0", "0");
    pkg(root, "dev-libs", "openssl-3.0.13-r2", "0/3");
    pkg(root, "app-backup", "dirvish-1.2.1-r3", "0");
    // a config file a package declares (CONTENTS), changed by the admin
    write(root, "etc/vim-9.1.0.conf", "set nocompatible\n");
    write(
        root,
        "var/lib/portage/world",
        "app-editors/vim\napp-backup/dirvish\nsys-kernel/gentoo-sources:6.6.13\n");
    write(
        root,
        "etc/dirvish/master.conf",
        "bank:\n\t/backup\nexclude:\n\tlost+found/\n\t*~\nRunall:\n\troot\t22:00\n"
            + "expire-default: +15 days\n");
    write(
        root,
        "backup/root/dirvish/default.conf",
        "client: "
            + hostname
            + "\ntree: /\nxdev: 1\nindex: gzip\nimage-default: %Y%m%d\n"
            + "exclude:\n\t/var/db\n\t/tmp\n\t/proc\n");
    write(
        root,
        "backup/root/20261124/summary",
        "client: "
            + hostname
            + "\nImage: 20261124\nBackup-begin: 2026-11-24 22:00:01\n"
            + "Backup-complete: 2026-11-24 22:41:17\nStatus: success\n");
    write(
        root,
        "backup/root/20261124/index",
        // as dirvish writes it: `find IMAGE/tree -ls` with "IMAGE/tree/" turned into the source
        // tree ("" for tree /), so the first line keeps the image path and the rest are absolute
        "  1000    4 drwxr-xr-x  20 root     root         4096 Nov 24 22:00"
            + " /backup/root/20261124/tree\n"
            + "  1001    4 drwxr-xr-x   3 root     root         4096 Nov 24 22:00 /etc\n"
            + "  1002    4 -rw-r--r--   1 root     root          312 Nov 20 10:00 /etc/fstab\n");
    write(root, "backup/root/20261123/summary", "Image: 20261123\nStatus: error (12)\n");
    return root;
  }

  /** Debian with this machine's real dpkg status, rsnapshot and a cron line running restic. */
  static Path debian(Path root, String hostname) {
    common(root, hostname, "6.1.0-26-amd64");
    write(
        root,
        "etc/os-release",
        "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n"
            + "VERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nID=debian\n");
    try {
      Files.createDirectories(root.resolve("var/lib/dpkg"));
      Files.copy(Path.of("/var/lib/dpkg/status"), root.resolve("var/lib/dpkg/status"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    write(root, "etc/systemd/system/multi-user.target.wants/ssh.service", "");
    write(
        root,
        "etc/rsnapshot.conf",
        "config_version\t1.2\nsnapshot_root\t/srv/snapshots/\ncmd_rsync\t/usr/bin/rsync\n"
            + "retain\tdaily\t7\nretain\tweekly\t4\nlogfile\t/var/log/rsnapshot.log\n"
            + "exclude_file\t/etc/rsnapshot.exclude\nbackup\t/etc/\tlocalhost/\n"
            + "backup\t/home/\tlocalhost/\n");
    write(root, "etc/rsnapshot.exclude", "/home/*/.cache\n");
    write(
        root,
        "var/log/rsnapshot.log",
        "[2026-11-25T03:00:01] /usr/bin/rsnapshot daily: started\n"
            + "[2026-11-25T03:04:10] /usr/bin/rsnapshot daily: completed successfully\n");
    write(
        root,
        "etc/cron.d/backups",
        "SHELL=/bin/sh\nPATH=/usr/sbin:/usr/bin:/sbin:/bin\n"
            + "# nightly offsite copy\n"
            + "30 2 * * * root RESTIC_PASSWORD_FILE=/etc/restic/password nice -n 10 restic -r"
            + " /srv/restic backup --one-file-system --exclude-file=/etc/restic/excludes /etc"
            + " /home \"/srv/shared data\" >>/var/log/restic.log 2>&1\n"
            + "0 3 * * * root rsnapshot daily\n");
    write(root, "etc/restic/excludes", "/home/*/.cache\n*.tmp\n");
    write(
        root,
        "etc/systemd/system/offsite.timer",
        "[Unit]\nDescription=offsite copy\n\n[Timer]\nOnCalendar=*-*-* 04:15:00\n"
            + "RandomizedDelaySec=10m\n\n[Install]\nWantedBy=timers.target\n");
    write(
        root,
        "etc/systemd/system/offsite.service",
        "[Unit]\nDescription=offsite copy\n\n[Service]\nType=oneshot\n"
            + "Environment=BORG_REPO=ssh://backup@vault/./web\n"
            + "ExecStart=-/usr/bin/borg create --patterns-from /etc/borg/patterns ::{hostname}-{now} /\n");
    write(root, "etc/borg/patterns", "R /\n- /proc\n- /sys\n+ /home\n");
    write(root, "etc/restic/password", "never uploaded\n");
    return root;
  }

  /** Alpine with a small apk database and a crontab running tar. */
  static Path alpine(Path root, String hostname) {
    common(root, hostname, "6.6.58-0-lts");
    write(
        root,
        "etc/os-release",
        "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME=\"Alpine Linux v3.20\"\n");
    write(
        root,
        "lib/apk/db/installed",
        "C:Q1abc=\nP:musl\nV:1.2.5-r0\nA:x86_64\nS:400000\nI:600000\nT:the musl c library\n"
            + "o:musl\nr:so:libc.musl-x86_64.so.1\n\n"
            + "C:Q1def=\nP:busybox\nV:1.36.1-r29\nA:x86_64\nT:Size optimized toolbox\n"
            + "F:etc\nR:securetty\nZ:Q1TT1Y2HMBGw0TRTfwPQumOfB8cjw=\n\n"
            + "C:Q1ghi=\nP:openssh-server\nV:9.7_p1-r4\nA:x86_64\nT:OpenSSH server\n\n");
    write(root, "etc/apk/world", "busybox\nopenssh-server\n");
    write(root, "etc/runlevels/default/sshd", "");
    write(
        root,
        "etc/crontabs/root",
        "# min hour day month weekday command\n"
            + "15 4 * * * tar -czf /backup/etc.tgz -X /etc/backup.exclude /etc\n");
    write(root, "etc/backup.exclude", "*.apk-new\n");
    return root;
  }

  private static void common(Path root, String hostname, String kernel) {
    write(root, "etc/hostname", hostname + "\n");
    write(root, "etc/machine-id", UUID.randomUUID().toString().replace("-", "") + "\n");
    write(root, "proc/sys/kernel/osrelease", kernel + "\n");
    write(root, "proc/sys/kernel/arch", "x86_64\n");
    write(
        root,
        "proc/mounts",
        "/dev/sda3 / ext4 rw,noatime 0 0\nproc /proc proc rw,nosuid 0 0\n"
            + "/dev/sdb1 /backup ext4 rw,relatime 0 0\n/dev/sda4 /srv/shared\\040data ext4 rw 0 0\n");
    write(
        root,
        "etc/fstab",
        "# <fs> <mountpoint> <type> <opts> <dump/pass>\n/dev/sda3 / ext4 noatime 0 1\n"
            + "/dev/sdb1 /backup ext4 defaults 0 2\n");
    write(
        root,
        "etc/passwd",
        "root:x:0:0:root:/root:/bin/sh\nalice:x:1000:1000:Alice \"Al\" Doe:/home/alice:/bin/sh\n"
            + "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n");
  }

  private static void pkg(Path root, String category, String pf, String slot) {
    String dir = "var/db/pkg/" + category + "/" + pf + "/";
    write(root, dir + "CATEGORY", category + "\n");
    write(root, dir + "PF", pf + "\n");
    write(root, dir + "SLOT", slot + "\n");
    write(root, dir + "repository", "gentoo\n");
    write(root, dir + "CHOST", "x86_64-pc-linux-gnu\n");
    write(root, dir + "USE", "abi_x86_64 amd64\n");
    write(root, dir + "COUNTER", "4242\n");
    write(
        root,
        dir + "CONTENTS",
        "dir /etc\nobj /etc/"
            + pf
            + ".conf d41d8cd98f00b204e9800998ecf8427e 1700000000\n"
            + "obj /usr/bin/"
            + pf
            + " 0cc175b9c0f1b6a831c399e269772661 1700000000\n");
    // what the agent must never send: the packages' environment and contents
    write(root, dir + "environment.bz2", "not metadata\n");
  }

  static void write(Path root, String relative, String content) {
    try {
      Path file = root.resolve(relative);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
