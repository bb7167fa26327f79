package io.blindspot.core.bench;

import io.blindspot.core.SharedSamples;
import io.blindspot.core.packages.ApkInstalledParser;
import io.blindspot.core.packages.DpkgStatusParser;
import io.blindspot.core.packages.PackageFormatException;
import io.blindspot.core.packages.PackageSet;
import io.blindspot.core.packages.PackageSetJson;
import io.blindspot.core.packages.PacmanLocalParser;
import io.blindspot.core.packages.PortageVdbParser;
import io.blindspot.core.packages.RpmQaParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * One parse of a whole upload per format: dpkg on the team's real Debian 12 status file (about 750
 * packages), the others on generated databases of {@value #PACKAGES} packages shaped like real ones
 * (a Portage CONTENTS of about 60 files per package, gzip-compressed archives).
 *
 * <p>Run: {@code ./mvnw -q -pl services/core test-compile}, then {@code java -cp
 * services/core/target/test-classes:services/core/target/classes:$(cat cp.txt)
 * io.blindspot.core.bench.PackageParsersBenchmark} for a quick in-process smoke run, or {@code
 * org.openjdk.jmh.Main PackageParsersBenchmark} with the usual JMH options for real numbers (cp.txt
 * from {@code dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PackageParsersBenchmark {

  static final int PACKAGES = 1500;
  private static final Path DPKG_SAMPLE = SharedSamples.dpkgStatus();

  private byte[] dpkgStatus;
  private byte[] portageVdb;
  private byte[] rpmQa;
  private byte[] apkInstalled;
  private byte[] pacmanLocal;
  private byte[] canonicalJson;

  @Setup
  public void generateInputs() throws IOException, PackageFormatException {
    dpkgStatus =
        Files.exists(DPKG_SAMPLE) ? Files.readAllBytes(DPKG_SAMPLE) : generatedDpkgStatus();
    portageVdb = generatedPortageVdb();
    rpmQa = generatedRpmQa();
    apkInstalled = generatedApkInstalled();
    pacmanLocal = generatedPacmanLocal();
    canonicalJson =
        PackageSetJson.toJson(new PortageVdbParser().parse(new ByteArrayInputStream(portageVdb)))
            .getBytes(StandardCharsets.UTF_8);
  }

  @Benchmark
  public PackageSet dpkgStatus() throws IOException, PackageFormatException {
    return new DpkgStatusParser().parse(new ByteArrayInputStream(dpkgStatus));
  }

  @Benchmark
  public PackageSet portageVdb() throws IOException, PackageFormatException {
    return new PortageVdbParser().parse(new ByteArrayInputStream(portageVdb));
  }

  @Benchmark
  public PackageSet rpmQa() throws IOException, PackageFormatException {
    return new RpmQaParser().parse(new ByteArrayInputStream(rpmQa));
  }

  @Benchmark
  public PackageSet apkInstalled() throws IOException, PackageFormatException {
    return new ApkInstalledParser().parse(new ByteArrayInputStream(apkInstalled));
  }

  @Benchmark
  public PackageSet pacmanLocal() throws IOException, PackageFormatException {
    return new PacmanLocalParser().parse(new ByteArrayInputStream(pacmanLocal));
  }

  @Benchmark
  public PackageSet canonicalJson() throws IOException, PackageFormatException {
    return PackageSetJson.read(new ByteArrayInputStream(canonicalJson));
  }

  /** Quick smoke run in this JVM: one short warm-up and measurement iteration per benchmark. */
  public static void main(String[] args) throws RunnerException {
    new Runner(
            new OptionsBuilder()
                .include(PackageParsersBenchmark.class.getSimpleName())
                .forks(0)
                .warmupIterations(1)
                .warmupTime(TimeValue.milliseconds(500))
                .measurementIterations(1)
                .measurementTime(TimeValue.seconds(1))
                .build())
        .run();
  }

  private static String version(Random random) {
    return (1 + random.nextInt(30)) + "." + random.nextInt(20) + "." + random.nextInt(100);
  }

  private static String md5(Random random) {
    StringBuilder hex = new StringBuilder(32);
    for (int i = 0; i < 32; i++) {
      hex.append(Character.forDigit(random.nextInt(16), 16));
    }
    return hex.toString();
  }

  private static byte[] generatedDpkgStatus() {
    Random random = new Random(1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < PACKAGES; i++) {
      out.append("Package: pkg")
          .append(i)
          .append("\nStatus: install ok installed\n")
          .append("Architecture: amd64\nVersion: ")
          .append(version(random))
          .append("-1\n")
          .append("Conffiles:\n /etc/pkg")
          .append(i)
          .append(".conf ")
          .append(md5(random))
          .append("\nDescription: generated\n a long description line\n\n");
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] generatedPortageVdb() throws IOException {
    Random random = new Random(2);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar =
        new TarArchiveOutputStream(new GZIPOutputStream(bytes), "UTF-8")) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      StringBuilder world = new StringBuilder();
      for (int i = 0; i < PACKAGES; i++) {
        String dir = "var/db/pkg/cat-" + (i % 40) + "/pkg" + i + "-" + version(random) + "-r1/";
        StringBuilder contents = new StringBuilder();
        for (int f = 0; f < 60; f++) {
          String root = f % 12 == 0 ? "/etc/pkg" + i : "/usr/lib/pkg" + i;
          contents
              .append("obj ")
              .append(root)
              .append("/file ")
              .append(f)
              .append(' ')
              .append(md5(random))
              .append(" 1706000000\n");
        }
        add(tar, dir + "SLOT", "0\n");
        add(tar, dir + "repository", "gentoo\n");
        add(tar, dir + "CHOST", "x86_64-pc-linux-gnu\n");
        add(tar, dir + "USE", "abi_x86_64 amd64 elibc_glibc kernel_linux ssl\n");
        add(tar, dir + "CONTENTS", contents.toString());
        if (i % 10 == 0) {
          world.append("cat-").append(i % 40).append("/pkg").append(i).append('\n');
        }
      }
      add(tar, "var/lib/portage/world", world.toString());
    }
    return bytes.toByteArray();
  }

  private static byte[] generatedRpmQa() {
    Random random = new Random(3);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < PACKAGES; i++) {
      out.append("pkg")
          .append(i)
          .append('\t')
          .append(random.nextInt(3))
          .append('\t')
          .append(version(random))
          .append('\t')
          .append(random.nextInt(40))
          .append(".el9\tx86_64\t")
          .append(1_700_000_000 + i)
          .append("\tRed Hat, Inc.\n");
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] generatedApkInstalled() {
    Random random = new Random(4);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < PACKAGES; i++) {
      out.append("C:Q1")
          .append(md5(random))
          .append("=\nP:pkg")
          .append(i)
          .append("\nV:")
          .append(version(random))
          .append("-r")
          .append(random.nextInt(5))
          .append("\nA:x86_64\n")
          .append("T:generated\no:pkg")
          .append(i)
          .append("\nF:etc\nR:pkg")
          .append(i)
          .append(".conf\nZ:Q1")
          .append(md5(random))
          .append("=\nF:usr/lib\n");
      for (int f = 0; f < 20; f++) {
        out.append("R:lib")
            .append(f)
            .append(".so\na:0:0:755\nZ:Q1")
            .append(md5(random))
            .append("=\n");
      }
      out.append('\n');
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] generatedPacmanLocal() throws IOException {
    Random random = new Random(5);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar =
        new TarArchiveOutputStream(new GZIPOutputStream(bytes), "UTF-8")) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (int i = 0; i < PACKAGES; i++) {
        String version = version(random) + "-" + (1 + random.nextInt(3));
        String dir = "var/lib/pacman/local/pkg" + i + "-" + version + "/";
        add(
            tar,
            dir + "desc",
            "%NAME%\npkg"
                + i
                + "\n\n%VERSION%\n"
                + version
                + "\n\n%DESC%\ngenerated\n\n"
                + "%ARCH%\nx86_64\n\n%REASON%\n"
                + (i % 3 == 0 ? "0" : "1")
                + "\n\n");
        StringBuilder files = new StringBuilder("%FILES%\n");
        for (int f = 0; f < 40; f++) {
          files.append("usr/lib/pkg").append(i).append("/file").append(f).append('\n');
        }
        files
            .append("\n%BACKUP%\netc/pkg")
            .append(i)
            .append(".conf\t")
            .append(md5(random))
            .append("\n\n");
        add(tar, dir + "files", files.toString());
      }
    }
    return bytes.toByteArray();
  }

  private static void add(TarArchiveOutputStream tar, String name, String content)
      throws IOException {
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(data.length);
    tar.putArchiveEntry(entry);
    tar.write(data);
    tar.closeArchiveEntry();
  }
}
