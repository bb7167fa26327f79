package io.blindspot.core.packages;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses a tar (gzip optional) of Portage's installed-package database (media type {@code
 * application/x-portage-vdb}), as made by {@code tar -C / -czf - var/db/pkg var/lib/portage/world
 * var/lib/portage/world_sets}.
 *
 * <p>Layout: {@code var/db/pkg/<category>/<PF>/<KEY>} files, one value each ({@code SLOT}, {@code
 * repository}, {@code CHOST}, ...) plus {@code CONTENTS}; {@code var/lib/portage/world} and {@code
 * world_sets}, one atom or set per line, {@code #} comments. Other entries are ignored. Merges in
 * progress ({@code -MERGING-} directories) are skipped.
 *
 * <p>Mapping:
 *
 * <ul>
 *   <li>category and PF come from the directory names, as Portage reads them; {@code CATEGORY} and
 *       {@code PF} files, when present, must agree. PF splits into name and version at the hyphen
 *       that starts a valid PMS version; the version keeps its {@code -rN} revision.
 *   <li>{@code SLOT} is {@code slot[/subslot]} and required; {@code repository} is kept; the arch
 *       is the CPU part of {@code CHOST} ({@code x86_64}), since the vdb stores no ARCH.
 *   <li>Config files are the {@code obj <path> <md5> <mtime>} lines of {@code CONTENTS} that
 *       Portage protects: under {@code CONFIG_PROTECT} and not under {@code CONFIG_PROTECT_MASK},
 *       the longer match winning as in Portage. The vdb keeps those variables only inside {@code
 *       environment.bz2}, which is too costly to unpack for every package, so a package directory
 *       may carry plain {@code CONFIG_PROTECT} / {@code CONFIG_PROTECT_MASK} files (space separated
 *       paths, written by the uploading agent); without them the defaults {@value
 *       #DEFAULT_CONFIG_PROTECT} and {@value #DEFAULT_CONFIG_PROTECT_MASK} apply. Paths may contain
 *       spaces: md5 and mtime are the last two fields.
 *   <li>Reason: {@link InstallReason#EXPLICIT} when an atom of the world file matches {@code
 *       category/name}, honouring a {@code :slot[/subslot]}; otherwise {@link
 *       InstallReason#DEPENDENCY}. Sets from world_sets are not expanded (their definitions are not
 *       in the upload), so packages only a set pulls in count as dependencies.
 * </ul>
 *
 * <p>Entries of one package directory must be contiguous in the archive, as tar writes a directory
 * tree: CONTENTS is filtered only once the whole directory is known, and buffering every package
 * until the end would hold the whole file list of the system. Entry sizes are limited ({@value
 * #MAX_CONTENTS_BYTES} bytes for CONTENTS). Errors name the tar entry and line.
 */
public final class PortageVdbParser implements PackageFormatParser {

  static final String DEFAULT_CONFIG_PROTECT = "/etc";
  static final String DEFAULT_CONFIG_PROTECT_MASK = "/etc/env.d /etc/gconf";
  static final long MAX_CONTENTS_BYTES = 64L << 20;
  static final long MAX_WORLD_BYTES = 16L << 20;
  static final long MAX_SMALL_FILE_BYTES = 1L << 20;

  private static final String VDB = "var/db/pkg/";
  private static final String WORLD = "var/lib/portage/world";
  private static final String WORLD_SETS = "var/lib/portage/world_sets";

  @Override
  public PackageSet parse(InputStream in) throws PackageFormatException, IOException {
    List<PackageDir> finished = new ArrayList<>();
    Set<String> seenDirs = new HashSet<>();
    PackageDir open = null;
    List<String> world = List.of();
    List<String> worldSets = List.of();
    try (TarEntries tar = new TarEntries(in)) {
      try {
        for (String entry = tar.next(); entry != null; entry = tar.next()) {
          if (entry.equals(WORLD)) {
            world = atoms(tar);
            continue;
          }
          if (entry.equals(WORLD_SETS)) {
            worldSets = atoms(tar);
            continue;
          }
          if (!entry.startsWith(VDB)) {
            continue;
          }
          String[] parts = entry.substring(VDB.length()).split("/", -1);
          if (parts.length != 3 || parts[1].startsWith("-MERGING-")) {
            continue; // deeper files, or files directly in a category: not package data
          }
          String dir = VDB + parts[0] + "/" + parts[1];
          if (open == null || !open.dir.equals(dir)) {
            if (open != null) {
              finished.add(open.finish());
            }
            if (!seenDirs.add(dir)) {
              throw new PackageFormatException(
                  entry, 0, "entries of " + dir + " are not contiguous in the archive");
            }
            open = new PackageDir(dir, parts[0], parts[1]);
          }
          open.read(parts[2], entry, tar);
        }
      } catch (IOException e) {
        throw tar.brokenArchive(e);
      }
    }
    if (open != null) {
      finished.add(open.finish());
    }
    if (finished.isEmpty()) {
      throw new PackageFormatException(
          null, 0, "no " + VDB + "<category>/<package> entries: not a Portage vdb archive");
    }
    List<PortageAtom> atoms = new ArrayList<>();
    for (String atom : world) {
      PortageAtom parsed = PortageAtom.parse(atom);
      if (parsed != null) {
        atoms.add(parsed);
      }
    }
    List<InstalledPackage> packages = new ArrayList<>(finished.size());
    for (PackageDir dir : finished) {
      packages.add(dir.toPackage(atoms));
    }
    return new PackageSet(PackageManager.PORTAGE, packages, world, worldSets);
  }

  private static List<String> atoms(TarEntries tar) throws IOException, PackageFormatException {
    List<String> atoms = new ArrayList<>();
    BufferedReader reader = tar.lines(MAX_WORLD_BYTES);
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      String atom = line.strip();
      if (!atom.isEmpty() && !atom.startsWith("#")) {
        atoms.add(atom);
      }
    }
    return atoms;
  }

  /** One {@code var/db/pkg/<category>/<PF>} directory being read. */
  private static final class PackageDir {
    final String dir;
    final String category;
    final String pf;
    final String name;
    final String version;
    String slot;
    String subslot;
    String repository;
    String arch;
    List<String> configProtect;
    List<String> configProtectMask;

    /** CONTENTS obj lines as path, md5 pairs; filtered in finish(). */
    final List<String[]> objects = new ArrayList<>();

    List<ConfigFile> configFiles;

    PackageDir(String dir, String category, String pf) throws PackageFormatException {
      this.dir = dir;
      this.category = category;
      this.pf = pf;
      String[] split = PortageAtom.splitNameVersion(pf);
      if (split == null) {
        throw new PackageFormatException(
            dir, 0, "cannot split '" + pf + "' into a package name and a PMS version");
      }
      this.name = split[0];
      this.version = split[1];
    }

    void read(String file, String entry, TarEntries tar)
        throws IOException, PackageFormatException {
      switch (file) {
        case "CONTENTS" -> readContents(entry, tar.lines(MAX_CONTENTS_BYTES));
        case "SLOT" -> {
          String value = tar.text(MAX_SMALL_FILE_BYTES);
          if (value.isEmpty() || value.contains(" ")) {
            throw new PackageFormatException(
                entry, 1, "SLOT must be slot[/subslot], got '" + value + "'");
          }
          int slash = value.indexOf('/');
          slot = slash < 0 ? value : value.substring(0, slash);
          subslot = slash < 0 ? null : value.substring(slash + 1);
        }
        case "repository" -> repository = emptyToNull(tar.text(MAX_SMALL_FILE_BYTES));
        case "CHOST" -> {
          String chost = tar.text(MAX_SMALL_FILE_BYTES);
          int hyphen = chost.indexOf('-');
          arch = emptyToNull(hyphen < 0 ? chost : chost.substring(0, hyphen));
        }
        case "CATEGORY" -> expect(entry, "CATEGORY", category, tar.text(MAX_SMALL_FILE_BYTES));
        case "PF" -> expect(entry, "PF", pf, tar.text(MAX_SMALL_FILE_BYTES));
        case "CONFIG_PROTECT" -> configProtect = paths(tar.text(MAX_SMALL_FILE_BYTES));
        case "CONFIG_PROTECT_MASK" -> configProtectMask = paths(tar.text(MAX_SMALL_FILE_BYTES));
        default -> {
          // USE, IUSE, environment.bz2, NEEDED, ...: nothing Blindspot maps.
        }
      }
    }

    private static void expect(String entry, String key, String fromPath, String value)
        throws PackageFormatException {
      if (!value.equals(fromPath)) {
        throw new PackageFormatException(
            entry, 1, key + " says '" + value + "' but the directory says '" + fromPath + "'");
      }
    }

    private void readContents(String entry, BufferedReader reader)
        throws IOException, PackageFormatException {
      int lineNumber = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (line.isEmpty()) {
          continue;
        }
        int space = line.indexOf(' ');
        String type = space < 0 ? line : line.substring(0, space);
        switch (type) {
          case "obj" -> objects.add(object(entry, lineNumber, line));
          case "dir", "sym", "dev", "fif" -> {
            // Only regular files carry a checksum worth comparing.
          }
          default ->
              throw new PackageFormatException(
                  entry, lineNumber, "unknown CONTENTS entry type '" + type + "'");
        }
      }
    }

    /** {@code obj <path, maybe with spaces> <md5> <mtime>}. */
    private static String[] object(String entry, int lineNumber, String line)
        throws PackageFormatException {
      int mtimeStart = line.lastIndexOf(' ') + 1;
      int md5End = mtimeStart - 1;
      int md5Start = md5End > 4 ? line.lastIndexOf(' ', md5End - 1) + 1 : -1;
      if (md5Start <= 4) {
        throw new PackageFormatException(
            entry, lineNumber, "obj line needs '<path> <md5> <mtime>': " + line);
      }
      String path = line.substring(4, md5Start - 1);
      String md5 = line.substring(md5Start, md5End);
      String mtime = line.substring(mtimeStart);
      if (!path.startsWith("/")
          || !isMd5(md5)
          || mtime.isEmpty()
          || !mtime.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new PackageFormatException(
            entry, lineNumber, "obj line needs '<absolute path> <md5> <mtime>': " + line);
      }
      return new String[] {path, md5};
    }

    private static boolean isMd5(String s) {
      if (s.length() != 32) {
        return false;
      }
      for (int i = 0; i < 32; i++) {
        char c = s.charAt(i);
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
          return false;
        }
      }
      return true;
    }

    PackageDir finish() throws PackageFormatException {
      if (slot == null) {
        throw new PackageFormatException(dir, 0, "package directory has no SLOT file");
      }
      List<String> protect = configProtect != null ? configProtect : paths(DEFAULT_CONFIG_PROTECT);
      List<String> mask =
          configProtectMask != null ? configProtectMask : paths(DEFAULT_CONFIG_PROTECT_MASK);
      configFiles = new ArrayList<>();
      for (String[] object : objects) {
        if (isProtected(object[0], protect, mask)) {
          configFiles.add(new ConfigFile(object[0], "md5", object[1]));
        }
      }
      objects.clear();
      return this;
    }

    InstalledPackage toPackage(List<PortageAtom> world) {
      InstallReason reason = InstallReason.DEPENDENCY;
      for (PortageAtom atom : world) {
        if (atom.matches(category, name, slot, subslot)) {
          reason = InstallReason.EXPLICIT;
          break;
        }
      }
      return InstalledPackage.builder(name)
          .category(category)
          .version(version)
          .slot(slot)
          .subslot(subslot)
          .arch(arch)
          .repository(repository)
          .reason(reason)
          .configFiles(configFiles)
          .build();
    }
  }

  /** Portage's ConfigProtect.isprotected: the longest matching entry wins, a mask wins a tie. */
  static boolean isProtected(String path, List<String> protect, List<String> mask) {
    int protectedBy = longestMatch(path, protect);
    return protectedBy > 0 && protectedBy > longestMatch(path, mask);
  }

  private static int longestMatch(String path, List<String> roots) {
    int longest = 0;
    for (String root : roots) {
      String r =
          root.length() > 1 && root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
      if (r.length() > longest
          && (path.equals(r)
              || r.equals("/")
              || path.startsWith(r) && path.charAt(r.length()) == '/')) {
        longest = r.length();
      }
    }
    return longest;
  }

  private static List<String> paths(String value) {
    List<String> paths = new ArrayList<>();
    for (String path : value.strip().split("\\s+")) {
      if (path.startsWith("/")) {
        paths.add(path);
      }
    }
    return paths;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
