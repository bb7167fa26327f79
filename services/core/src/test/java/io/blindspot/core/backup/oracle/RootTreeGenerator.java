package io.blindspot.core.backup.oracle;

import io.blindspot.core.backup.Filesystem;
import io.blindspot.core.backup.TreeFacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Builds a realistic root-like tree under a temp dir from a seed, for differential tests of the
 * backup rule engines against the real tools.
 *
 * <p>The tree has /etc, a Gentoo VDB (/var/db/pkg/CAT/PF/...), /var/lib/mysql, /var/cache with a
 * CACHEDIR.TAG, /home/USER with dotfiles, names with spaces, unicode, glob characters and leading
 * dashes, deep nesting, empty dirs, symlinks (to files, to dirs, dangling), per-directory {@code
 * .rsync-filter} and {@code .cvsignore} files and CVS-ignorable junk (*.o, core, .git, *~).
 *
 * <p>Paths come in two notations: {@link Tree#paths()} is rooted at "/" as if the temp dir were "/"
 * ("/etc/", "/etc/passwd"), {@link Tree#realPaths()} is under the temp dir ("/tmp/x/etc/passwd").
 * In both, directories end with "/"; symlinks never do (they are not followed). {@link
 * Tree#facts()} / {@link Tree#realFacts()} hold the contents of every marker and merge file
 * (CACHEDIR.TAG, .rsync-filter, .cvsignore, .nobackup) and every symlink's target.
 *
 * <p>Deterministic: the same seed gives the same tree (names, contents, link targets). Non-ASCII
 * names need a UTF-8 locale (LANG=C.UTF-8); without one they are left out ({@link #UNICODE_NAMES}).
 */
public final class RootTreeGenerator {

  /** The CACHEDIR.TAG signature (https://bford.info/cachedir/). */
  public static final String CACHEDIR_SIGNATURE = "Signature: 8a477f597d28d172789f06886806bc55";

  /** A generated tree. */
  public record Tree(
      Path root, List<String> paths, List<String> realPaths, TreeFacts facts, TreeFacts realFacts) {

    /** "/etc/passwd" → "/tmp/x/etc/passwd" ("/" → "/tmp/x/"). */
    public String real(String rooted) {
      String r = root.toString();
      return rooted.equals("/") ? r + "/" : r + rooted;
    }

    /** "/tmp/x/etc/passwd" → "/etc/passwd"; null when not under the root. */
    public String rooted(String real) {
      String r = root.toString();
      if (real.equals(r) || real.equals(r + "/")) {
        return "/";
      }
      return real.startsWith(r + "/") ? real.substring(r.length()) : null;
    }
  }

  private static final String[] CATEGORIES = {
    "sys-apps",
    "dev-lang",
    "app-editors",
    "net-misc",
    "sys-libs",
    "dev-libs",
    "app-shells",
    "www-servers",
    "dev-db",
    "media-libs"
  };
  private static final String[] PACKAGES = {
    "portage",
    "python",
    "vim",
    "openssh",
    "glibc",
    "openssl",
    "bash",
    "nginx",
    "mariadb",
    "libpng",
    "coreutils",
    "rsync",
    "gcc",
    "perl",
    "zlib"
  };
  private static final String[] USERS = {"alice", "bob", "carol", "dave"};
  private static final String[] ODD_NAMES = {
    "report 2024.txt",
    "résumé.pdf",
    "naïve.txt",
    "über",
    "*star*",
    "what?.txt",
    "[bracket]",
    "a]b",
    "-rf",
    "--help",
    "back\\slash.txt",
    "tab\there",
    " leading space",
    "trailing space ",
    "#hash",
    ",comma",
    ".#lock",
    "x.tmp",
    "core",
    "main.o",
    "notes~",
    "old.bak",
    "CVS",
    ".git",
    "tags",
    "RCS",
    "semi;colon",
    "+plus",
    "- dash space",
    "!bang",
    "a*b?c[d]",
    "**",
    "ab",
    "Makefile",
    "cache",
    "tmp",
    "db",
  };
  private static final String[] EXTS = {".txt", ".log", ".conf", ".tmp", ".o", ".c", ".gz", ""};

  /** Whether this JVM can create non-ASCII file names (it needs a UTF-8 locale). */
  public static final boolean UNICODE_NAMES =
      System.getProperty("sun.jnu.encoding", "").equalsIgnoreCase("UTF-8");

  private final Path root;
  private final Random rnd;
  private final TreeMap<String, Boolean> entries = new TreeMap<>(); // rooted path → isDir
  private final Map<String, String> contents = new LinkedHashMap<>(); // rooted → fact content
  private final Map<String, String> links = new LinkedHashMap<>(); // rooted → target

  private RootTreeGenerator(Path root, long seed) {
    this.root = root;
    this.rnd = new Random(seed);
  }

  /** Generates a tree under {@code root} (created if missing; must be empty). */
  public static Tree generate(Path root, long seed) {
    if (!UNICODE_NAMES) {
      System.out.println(
          "NOTE: sun.jnu.encoding="
              + System.getProperty("sun.jnu.encoding")
              + ": the JVM cannot create non-ASCII file names, the generated tree has ASCII names"
              + " only (run with LANG=C.UTF-8 for the unicode cases)");
    }
    try {
      Files.createDirectories(root);
      try (Stream<Path> s = Files.list(root)) {
        if (s.findAny().isPresent()) {
          throw new IllegalArgumentException("not empty: " + root);
        }
      }
      RootTreeGenerator g = new RootTreeGenerator(root.toAbsolutePath().normalize(), seed);
      g.build();
      return g.result();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Walks a real directory (for example a backup destination) and returns its entries relative to
   * it in Blindspot notation: "/etc/", "/etc/passwd" (symlinks without trailing slash, never
   * followed). The directory itself is "/" and is included.
   */
  public static List<String> walk(Path dir) {
    List<String> out = new ArrayList<>();
    Path base = dir.toAbsolutePath().normalize();
    try (Stream<Path> s = Files.walk(base)) {
      s.forEach(
          p -> {
            String rel = base.relativize(p).toString();
            boolean isDir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
            String path = rel.isEmpty() ? "/" : "/" + rel + (isDir ? "/" : "");
            out.add(path);
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Collections.sort(out);
    return out;
  }

  private void build() throws IOException {
    dir("/");
    buildEtc();
    buildVar();
    buildHome();
    buildMisc();
  }

  private void buildEtc() throws IOException {
    dir("/etc/");
    file("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\n");
    file("/etc/hostname", "gentoo-box\n");
    file("/etc/fstab", "/dev/hdc3 / ext4 defaults 0 1\n/dev/hdc4 /var ext4 defaults 0 2\n");
    dir("/etc/ssh/");
    file("/etc/ssh/sshd_config", "PermitRootLogin no\n");
    file("/etc/ssh/ssh_host_ed25519_key", "secret\n");
    dir("/etc/cron.d/");
    file("/etc/cron.d/backup", "0 3 * * * root /usr/sbin/dirvish-runall\n");
    file("/etc/conf file with space.conf", "x=1\n");
    dir("/etc/portage/");
    file("/etc/portage/make.conf", "USE=\"-X\"\n");
    dir("/etc/portage/package.use/");
    dir("/etc/dirvish/");
    file("/etc/dirvish/master.conf", "bank:\n\t/backup\n");
    int extra = 2 + rnd.nextInt(4);
    for (int i = 0; i < extra; i++) {
      file("/etc/" + word() + EXTS[rnd.nextInt(EXTS.length)], "k=v\n");
    }
    // An .rsync-filter at the top of /etc.
    merge("/etc/.rsync-filter", "- *.tmp\n+ ssh/\n- ssh_host_*_key\n");
  }

  private void buildVar() throws IOException {
    dir("/var/");
    dir("/var/db/");
    dir("/var/db/pkg/");
    int cats = 3 + rnd.nextInt(4);
    for (int c = 0; c < cats; c++) {
      String cat = CATEGORIES[(c + rnd.nextInt(3)) % CATEGORIES.length];
      dir("/var/db/pkg/" + cat + "/");
      int pkgs = 1 + rnd.nextInt(3);
      for (int p = 0; p < pkgs; p++) {
        String pf =
            PACKAGES[rnd.nextInt(PACKAGES.length)]
                + "-"
                + (1 + rnd.nextInt(9))
                + "."
                + rnd.nextInt(20)
                + (rnd.nextBoolean() ? "-r" + (1 + rnd.nextInt(3)) : "");
        String d = "/var/db/pkg/" + cat + "/" + pf + "/";
        dir(d);
        file(d + "CONTENTS", "obj /usr/bin/" + pf + " 0123 1700000000\n");
        file(d + "SLOT", "0\n");
        file(d + "USE", "amd64 elibc_glibc\n");
        file(d + "environment.bz2", "BZh9");
        file(d + pf + ".ebuild", "EAPI=8\n");
      }
    }
    file("/var/db/pkg/.keep", "");
    dir("/var/db/repos/");
    dir("/var/lib/");
    dir("/var/lib/mysql/");
    file("/var/lib/mysql/ibdata1", "innodb");
    file("/var/lib/mysql/ib_logfile0", "redo");
    dir("/var/lib/mysql/mysql/");
    file("/var/lib/mysql/mysql/user.frm", "frm");
    dir("/var/lib/mysql/shop/");
    file("/var/lib/mysql/shop/orders.ibd", "ibd");
    file("/var/lib/mysql/shop/orders.frm", "frm");
    dir("/var/cache/");
    dir("/var/cache/app/");
    marker("/var/cache/app/CACHEDIR.TAG", CACHEDIR_SIGNATURE + "\n# created by app\n");
    file("/var/cache/app/blob1.bin", "b");
    dir("/var/cache/app/sub/");
    file("/var/cache/app/sub/blob2.bin", "b");
    dir("/var/cache/fontconfig/");
    file("/var/cache/fontconfig/fc.cache-8", "f");
    dir("/var/cache/distfiles/");
    marker("/var/cache/distfiles/CACHEDIR.TAG", "not a real signature\n");
    file("/var/cache/distfiles/rsync-3.2.7.tar.gz", "t");
    dir("/var/log/");
    for (String l : List.of("messages", "emerge.log", "auth.log", "old.log.1", "old.log.2.gz")) {
      file("/var/log/" + l, "log\n");
    }
    dir("/var/tmp/");
    file("/var/tmp/x.tmp", "t");
    dir("/var/tmp/portage/");
    dir("/var/spool/");
    dir("/var/spool/cron/");
    dir("/var/empty/");
    merge("/var/lib/.rsync-filter", "- ib_logfile*\n- /mysql/mysql/\n");
  }

  private void buildHome() throws IOException {
    dir("/home/");
    dir("/root/");
    file("/root/.bash_history", "ls\n");
    int users = 2 + rnd.nextInt(USERS.length - 1);
    for (int u = 0; u < users; u++) {
      String h = "/home/" + USERS[u] + "/";
      dir(h);
      file(h + ".bashrc", "alias ll='ls -l'\n");
      file(h + ".profile", "PATH=$PATH\n");
      dir(h + ".ssh/");
      file(h + ".ssh/id_ed25519", "key\n");
      file(h + ".ssh/authorized_keys", "ssh-ed25519 AAAA\n");
      dir(h + ".cache/");
      marker(h + ".cache/CACHEDIR.TAG", CACHEDIR_SIGNATURE + "\n");
      dir(h + ".cache/mozilla/");
      file(h + ".cache/mozilla/cache2.db", "c");
      dir(h + ".config/");
      file(h + ".config/settings.ini", "[x]\n");
      dir(h + "Documents/");
      // Odd names: a random subset in Documents, some as dirs.
      List<String> odd = new ArrayList<>(List.of(ODD_NAMES));
      Collections.shuffle(odd, rnd);
      int n = 8 + rnd.nextInt(10);
      for (int i = 0; i < n && i < odd.size(); i++) {
        String name = odd.get(i);
        if (rnd.nextInt(4) == 0) {
          dir(h + "Documents/" + name + "/");
          file(h + "Documents/" + name + "/inside" + EXTS[rnd.nextInt(EXTS.length)], "i");
        } else {
          file(h + "Documents/" + name, "o");
        }
      }
      dir(h + "Documents/日本語/");
      file(h + "Documents/日本語/ノート.txt", "メモ");
      dir(h + "Documents/café/");
      file(h + "Documents/café/menu é.txt", "x");
      // Deep nesting.
      StringBuilder deep = new StringBuilder(h + "projects/");
      dir(deep.toString());
      int depth = 5 + rnd.nextInt(5);
      for (int d = 0; d < depth; d++) {
        deep.append(d % 3 == 0 ? "src" : d % 3 == 1 ? "main" : "lvl" + d).append('/');
        dir(deep.toString());
        if (rnd.nextBoolean()) {
          file(deep + "f" + d + EXTS[rnd.nextInt(EXTS.length)], "d");
        }
      }
      file(deep + "leaf.txt", "leaf");
      dir(h + "projects/app/");
      file(h + "projects/app/main.c", "int main(){}\n");
      file(h + "projects/app/main.o", "\u007fELF");
      file(h + "projects/app/core", "core");
      file(h + "projects/app/Makefile", "all:\n");
      file(h + "projects/app/README~", "r");
      dir(h + "projects/app/.git/");
      file(h + "projects/app/.git/HEAD", "ref: refs/heads/main\n");
      dir(h + "projects/app/.git/objects/");
      dir(h + "projects/app/build/");
      file(h + "projects/app/build/app.o", "o");
      file(h + "projects/app/build/app", "bin");
      merge(h + "projects/app/.cvsignore", "build\n*.c~ Makefile\n");
      dir(h + "empty/");
      dir(h + "empty/nested-empty/");
      dir(h + "Downloads/");
      for (int i = 0; i < 2 + rnd.nextInt(4); i++) {
        file(h + "Downloads/" + word() + EXTS[rnd.nextInt(EXTS.length)], "dl");
      }
      // Symlinks: to a file, to a dir, dangling, absolute.
      link(h + "link-to-bashrc", ".bashrc");
      link(h + "link-to-docs", "Documents");
      link(h + "dangling", "does/not/exist");
      link(h + "abs-link", "/etc/passwd");
      // Per-directory filter files, random.
      if (rnd.nextBoolean()) {
        merge(h + ".rsync-filter", randomFilterFile());
      }
      if (rnd.nextBoolean()) {
        merge(h + "projects/.rsync-filter", randomFilterFile());
      }
      if (u == 0) {
        marker(h + "Downloads/.nobackup", "");
      }
    }
  }

  private void buildMisc() throws IOException {
    dir("/tmp/");
    file("/tmp/.X0-lock", "0");
    dir("/proc/");
    dir("/mnt/");
    dir("/mnt/usb/");
    file("/mnt/usb/photo.jpg", "jpg");
    dir("/srv/");
    dir("/srv/www/");
    file("/srv/www/index.html", "<html>");
    dir("/srv/www/uploads/");
    for (int i = 0; i < 3 + rnd.nextInt(5); i++) {
      file("/srv/www/uploads/" + word() + EXTS[rnd.nextInt(EXTS.length)], "u");
    }
    link("/srv/www/current", "uploads");
    file("/.rsync-filter-not-merged", "- x\n");
  }

  private String randomFilterFile() {
    String[] rules = {
      "- *.tmp",
      "- *.o",
      "+ *.c",
      "- /Downloads/",
      "- .cache/",
      "+ .ssh/",
      "- id_*",
      "- build/",
      "- **/lvl*/",
      "- src/main/***",
      "+ Documents/",
      "- Documents/*.pdf",
      "- [a-c]*",
      "- ?ore",
      "# a comment",
      "; another comment",
      "- *~",
      "exclude empty/",
      "include *.txt",
      "-! */",
      "- /link-to-*",
    };
    StringBuilder sb = new StringBuilder();
    int n = 1 + rnd.nextInt(4);
    for (int i = 0; i < n; i++) {
      String r = rules[rnd.nextInt(rules.length)];
      if (r.equals("-! */")) {
        continue; // too destructive for a random file: would drop every file
      }
      sb.append(r).append('\n');
    }
    return sb.toString();
  }

  private String word() {
    String[] w = {"alpha", "beta", "gamma", "delta", "data", "img", "notes", "todo", "backup"};
    return w[rnd.nextInt(w.length)] + rnd.nextInt(100);
  }

  private Path fs(String rooted) {
    String rel = rooted.equals("/") ? "" : rooted.substring(1);
    if (rel.endsWith("/")) {
      rel = rel.substring(0, rel.length() - 1);
    }
    return rel.isEmpty() ? root : root.resolve(rel);
  }

  private static boolean creatable(String rooted) {
    return UNICODE_NAMES || rooted.chars().allMatch(c -> c < 128);
  }

  private void dir(String rooted) throws IOException {
    if (!rooted.endsWith("/")) {
      throw new IllegalArgumentException(rooted);
    }
    if (!creatable(rooted)) {
      return;
    }
    if (entries.containsKey(rooted.substring(0, rooted.length() - 1))) {
      return; // a file of that name exists
    }
    Files.createDirectories(fs(rooted));
    entries.put(rooted, true);
  }

  private void file(String rooted, String content) throws IOException {
    if (!creatable(rooted)) {
      return;
    }
    if (entries.containsKey(rooted) || entries.containsKey(rooted + "/")) {
      return; // same random name twice
    }
    Files.writeString(fs(rooted), content, StandardCharsets.UTF_8);
    entries.put(rooted, false);
  }

  private void marker(String rooted, String content) throws IOException {
    file(rooted, content);
    contents.put(rooted, content);
  }

  private void merge(String rooted, String content) throws IOException {
    marker(rooted, content);
  }

  private void link(String rooted, String target) throws IOException {
    Files.createSymbolicLink(fs(rooted), Paths.get(target));
    entries.put(rooted, false);
    links.put(rooted, target);
  }

  private Tree result() {
    List<String> paths = new ArrayList<>(entries.keySet());
    List<String> real = new ArrayList<>();
    Tree probe = new Tree(root, List.of(), List.of(), TreeFacts.NONE, TreeFacts.NONE);
    for (String p : paths) {
      real.add(probe.real(p));
    }
    Map<String, String> realContents = new LinkedHashMap<>();
    contents.forEach((k, v) -> realContents.put(probe.real(k), v));
    Map<String, String> realLinks = new LinkedHashMap<>();
    links.forEach((k, v) -> realLinks.put(probe.real(k), v));
    TreeFacts facts = new TreeFacts(List.of(new Filesystem("/", "/dev/root")), contents, links);
    TreeFacts realFacts =
        new TreeFacts(List.of(new Filesystem("/", "/dev/root")), realContents, realLinks);
    return new Tree(root, List.copyOf(paths), List.copyOf(real), facts, realFacts);
  }
}
