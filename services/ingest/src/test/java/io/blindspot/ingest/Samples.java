package io.blindspot.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Upload bodies for the tests: the real dpkg status sample and faithful small ones. */
public final class Samples {

  private Samples() {}

  /**
   * The real /var/lib/dpkg/status of a Debian 12 server, from shared/samples: beside the checkout
   * here (/work/shared) and in CI ({@code ../shared} from the repository root), so it is looked up
   * in every directory above this module.
   */
  public static byte[] realDpkgStatus() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path sample = dir.resolve("shared/samples/dpkg-status");
      if (Files.isRegularFile(sample)) {
        try {
          return Files.readAllBytes(sample);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      dir = dir.getParent();
    }
    throw new AssertionError(
        "shared/samples/dpkg-status not found in any directory above "
            + Path.of("").toAbsolutePath());
  }

  public static final String INVENTORY =
      """
      {"hostname": "web1", "machineId": "4c4c4544...", "os": {"id": "gentoo", "name": "Gentoo", "versionId": "2.17"}, "kernel": "6.6.13-gentoo", "architecture": "x86_64", "mounts": [{"device": "/dev/sda3", "mountPoint": "/", "fsType": "ext4", "options": "rw,noatime", "sizeBytes": 20000000000, "usedBytes": 8000000000}], "partitionTable": "label: gpt\\n...", "fstab": "/dev/sda3 / ext4 noatime 0 1\\n...", "services": ["sshd", "mysql"], "labels": {"env": "prod"}}
      """;

  public static final String DPKG_SMALL =
      """
      Package: openssl
      Status: install ok installed
      Architecture: amd64
      Version: 3.0.15-1~deb12u1
      Conffiles:
       /etc/ssl/openssl.cnf 5a1f0b39ba6a0b7e2b1a9b0c2c6c3d4e

      Package: wget
      Status: install ok installed
      Architecture: amd64
      Version: 1.21.3-1+b2

      Package: old-thing
      Status: deinstall ok config-files
      Architecture: all
      Version: 1.0

      """;

  /** DPKG_SMALL a week later: openssl upgraded, wget removed, curl installed. */
  public static final String DPKG_SMALL_LATER =
      """
      Package: openssl
      Status: install ok installed
      Architecture: amd64
      Version: 3.0.17-1~deb12u2
      Conffiles:
       /etc/ssl/openssl.cnf 5a1f0b39ba6a0b7e2b1a9b0c2c6c3d4e

      Package: curl
      Status: install ok installed
      Architecture: amd64
      Version: 7.88.1-10+deb12u8

      """;

  /** rpm -qa --qf RpmQaParser.QUERY_FORMAT on Rocky 9, with two kernels and a signing key. */
  public static final String RPM_QA =
      "bash\t0\t5.1.8\t9.el9\tx86_64\t1700000001\tRocky Enterprise Software Foundation\n"
          + "openssl\t1\t3.0.7\t27.el9\tx86_64\t1700000002\tRocky Enterprise Software Foundation\n"
          + "kernel-core\t0\t5.14.0\t362.8.1.el9_3\tx86_64\t1700000003\tRocky Enterprise Software"
          + " Foundation\n"
          + "kernel-core\t0\t5.14.0\t427.13.1.el9_4\tx86_64\t1700000004\tRocky Enterprise Software"
          + " Foundation\n"
          + "gpg-pubkey\t0\t350d275d\t6279464b\t(none)\t1700000005\t(none)\n";

  /** /lib/apk/db/installed of Alpine 3.20, trimmed to two packages. */
  public static final String APK_INSTALLED =
      """
      C:Q1a6T4vdKVbFDGhA7ZbnZg7c2sF7s=
      P:musl
      V:1.2.5-r0
      A:x86_64
      S:408754
      I:667648
      T:the musl c library (libc) implementation
      U:https://musl.libc.org/
      L:MIT
      o:musl
      m:Natanael Copa <ncopa@alpinelinux.org>
      t:1712149225
      c:1fbd0e8d4e2df5fe5d3e5b2bca1a2a4e7b0b9a3d
      F:lib
      R:ld-musl-x86_64.so.1
      a:0:0:755
      Z:Q1k7yVz0kWJ2fqkTDEz0iHn5Kxg7Y=

      C:Q1tUvUmf0d0KRGUkB7ZgE2uKPkE9E=
      P:busybox
      V:1.36.1-r29
      A:x86_64
      o:busybox
      F:etc
      R:securetty
      Z:Q1LqbFJ7aA3z5Uw0yQz6r7mDMTnXg=
      F:bin
      R:busybox

      """;

  /** var/lib/pacman/local of an Arch server with two packages. */
  public static byte[] pacmanLocal() {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("var/lib/pacman/local/ALPM_DB_VERSION", "9\n");
    entries.put(
        "var/lib/pacman/local/bash-5.2.026-2/desc",
        """
        %NAME%
        bash

        %VERSION%
        5.2.026-2

        %ARCH%
        x86_64

        """);
    entries.put(
        "var/lib/pacman/local/bash-5.2.026-2/files",
        """
        %FILES%
        etc/
        etc/bash.bashrc
        usr/bin/bash

        %BACKUP%
        etc/bash.bashrc\t027d6bd8f5f6a06b75bb7698cb478089

        """);
    entries.put(
        "var/lib/pacman/local/glibc-2.39+r52+gf8e4623421-1/desc",
        """
        %NAME%
        glibc

        %VERSION%
        2.39+r52+gf8e4623421-1

        %ARCH%
        x86_64

        %REASON%
        1

        """);
    return gzip(tar(entries));
  }

  /** A Gentoo vdb with two packages and a world file. */
  public static byte[] portageVdb() {
    return gzip(tar(portageEntries("sys-apps")));
  }

  /** A vdb whose CATEGORY file contradicts its directory. */
  public static byte[] portageVdbWithWrongCategory() {
    return tar(portageEntries("net-misc"));
  }

  private static Map<String, String> portageEntries(String portageCategoryFile) {
    Map<String, String> entries = new LinkedHashMap<>();
    String portage = "var/db/pkg/sys-apps/portage-3.0.63-r1/";
    entries.put(portage + "CATEGORY", portageCategoryFile + "\n");
    entries.put(portage + "PF", "portage-3.0.63-r1\n");
    entries.put(portage + "SLOT", "0\n");
    entries.put(portage + "repository", "gentoo\n");
    entries.put(portage + "CHOST", "x86_64-pc-linux-gnu\n");
    entries.put(
        portage + "CONTENTS",
        "dir /etc\nobj /etc/portage/make.conf 0123456789abcdef0123456789abcdef 1700000000\n"
            + "obj /usr/bin/emerge fedcba9876543210fedcba9876543210 1700000000\n");
    String kernel = "var/db/pkg/sys-kernel/gentoo-sources-6.6.13/";
    entries.put(kernel + "SLOT", "6.6.13\n");
    entries.put(kernel + "repository", "gentoo\n");
    entries.put(kernel + "CHOST", "x86_64-pc-linux-gnu\n");
    entries.put(kernel + "CONTENTS", "dir /usr/src\n");
    entries.put("var/lib/portage/world", "sys-kernel/gentoo-sources\n");
    entries.put("var/lib/portage/world_sets", "");
    return entries;
  }

  public static final String CANONICAL_JSON =
      """
      {"manager": "dpkg", "packages": [
        {"name": "openssl", "version": "3.0.15-1~deb12u1", "arch": "amd64", "reason": "explicit"},
        {"name": "libssl3", "version": "3.0.15-1~deb12u1", "arch": "amd64", "reason": "dependency"}
      ], "world": ["openssl"], "worldSets": []}
      """;

  public static byte[] tar(Map<String, String> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, "UTF-8")) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, String> e : entries.entrySet()) {
        byte[] content = e.getValue().getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(e.getKey(), true);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static byte[] gzip(byte[] content) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static byte[] gzip(String content) {
    return gzip(content.getBytes(StandardCharsets.UTF_8));
  }
}
