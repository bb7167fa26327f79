package io.blindspot.core.backup.rsync;

import static io.blindspot.core.backup.rsync.RsyncRule.ABS_PATH;
import static io.blindspot.core.backup.rsync.RsyncRule.CLEAR_LIST;
import static io.blindspot.core.backup.rsync.RsyncRule.CVS_IGNORE;
import static io.blindspot.core.backup.rsync.RsyncRule.DIRECTORY;
import static io.blindspot.core.backup.rsync.RsyncRule.EXCLUDE_SELF;
import static io.blindspot.core.backup.rsync.RsyncRule.FINISH_SETUP;
import static io.blindspot.core.backup.rsync.RsyncRule.FROM_CONTAINER;
import static io.blindspot.core.backup.rsync.RsyncRule.INCLUDE;
import static io.blindspot.core.backup.rsync.RsyncRule.MERGE_FILE;
import static io.blindspot.core.backup.rsync.RsyncRule.NEGATE;
import static io.blindspot.core.backup.rsync.RsyncRule.NO_INHERIT;
import static io.blindspot.core.backup.rsync.RsyncRule.NO_PREFIXES;
import static io.blindspot.core.backup.rsync.RsyncRule.PERDIR_MERGE;
import static io.blindspot.core.backup.rsync.RsyncRule.PERISHABLE;
import static io.blindspot.core.backup.rsync.RsyncRule.RECEIVER_SIDE;
import static io.blindspot.core.backup.rsync.RsyncRule.SENDER_SIDE;
import static io.blindspot.core.backup.rsync.RsyncRule.SIDES;
import static io.blindspot.core.backup.rsync.RsyncRule.WILD;
import static io.blindspot.core.backup.rsync.RsyncRule.WILD2;
import static io.blindspot.core.backup.rsync.RsyncRule.WILD2_PREFIX;
import static io.blindspot.core.backup.rsync.RsyncRule.WILD3_SUFFIX;
import static io.blindspot.core.backup.rsync.RsyncRule.WORD_SPLIT;
import static io.blindspot.core.backup.rsync.RsyncRule.XATTR;

import io.blindspot.core.backup.JobConfigException;
import io.blindspot.core.backup.RuleRef;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Parses rsync filter rules ("FILTER RULES" of rsync(1)): rule prefixes and long names, modifiers,
 * the old "- "/"+ " prefixes of --exclude/--include and *-from files, merge files (read in place),
 * per-directory merge rules, "!" list clearing, comments and line splitting of rule files.
 */
final class RsyncFilterParser {

  /** --exclude, --include and the *-from files: only "- " and "+ " prefixes. */
  static final int XFLG_OLD_PREFIXES = 1;

  /** Rules of a per-directory merge file: a leading '/' anchors at the file's directory. */
  static final int XFLG_ANCHORED2ABS = 2;

  /** The default CVS ignore list rsync uses for -C (rsync's default_cvsignore). */
  static final String DEFAULT_CVSIGNORE =
      "RCS SCCS CVS CVS.adm RCSLOG cvslog.* tags TAGS .make.state .nse_depinfo *~ #* .#* ,* _$* *$"
          + " *.old *.bak *.BAK *.orig *.rej .del-* *.a *.olb *.o *.obj *.so *.exe *.Z *.elc *.ln"
          + " core .svn/ .git/ .hg/ .bzr/";

  /** Where rules go: a list that "!" can clear, and the per-dir merge names already active. */
  static final class Target {
    final List<RsyncRule> rules = new ArrayList<>();

    /** Set when a "!" cleared the list: inherited (parent directory) rules are dropped too. */
    boolean cleared;

    final List<String> activeMergeNames;

    Target(List<String> activeMergeNames) {
      this.activeMergeNames = activeMergeNames;
    }
  }

  /** Reads a merge file by name; null when it does not exist. */
  interface Files {
    String read(String name);
  }

  private final Files files;
  private final Function<RuleRef, RuleRef> refMapper;
  private final boolean fromNulls;

  /** Set when a -C rule asked for the global CVS list. */
  boolean cvsRequested;

  RsyncFilterParser(Files files, Function<RuleRef, RuleRef> refMapper, boolean fromNulls) {
    this.files = files;
    this.refMapper = refMapper;
    this.fromNulls = fromNulls;
  }

  private record Tok(int flags, String pat, int next) {}

  /** Parses one rule string (a --filter value, a line of a rules file). */
  void parseString(
      Target t,
      String str,
      int template,
      int xflags,
      RuleRef ref,
      String perDirDir,
      boolean fatalMerge)
      throws JobConfigException {
    int pos = 0;
    while (true) {
      Tok tok = parseTok(str, pos, template, xflags, ref);
      if (tok == null) {
        break;
      }
      pos = tok.next;
      int flags = tok.flags;
      String pat = tok.pat;
      if ((flags & CLEAR_LIST) != 0) {
        t.rules.clear();
        t.cleared = true;
        continue;
      }
      if ((flags & MERGE_FILE) != 0) {
        if (pat.isEmpty()) {
          pat = ".cvsignore";
        }
        if ((flags & EXCLUDE_SELF) != 0) {
          int slash = pat.lastIndexOf('/');
          addRule(t, pat.substring(slash + 1), 0, 0, ref, null);
          flags &= ~EXCLUDE_SELF;
        }
        if ((flags & PERDIR_MERGE) == 0) {
          String content = files.read(pat);
          if (content == null) {
            if (fatalMerge) {
              throw new JobConfigException(
                  ref.file(), ref.line(), "merge file not found: " + pat + " (rule " + str + ")");
            }
            continue;
          }
          parseFile(t, content, pat, flags, 0, null, fatalMerge);
          continue;
        }
      }
      addRule(t, pat, flags, xflags, ref, perDirDir);
      if ((flags & CVS_IGNORE) != 0 && (flags & MERGE_FILE) == 0) {
        cvsRequested = true;
      }
    }
  }

  /** Parses a rules file: one rule a line (or a word, with the w/C modifiers). */
  void parseFile(
      Target t,
      String content,
      String fileName,
      int template,
      int xflags,
      String perDirDir,
      boolean fatalMerge)
      throws JobConfigException {
    boolean wordSplit = (template & WORD_SPLIT) != 0;
    int n = content.length();
    int line = 1;
    int i = 0;
    while (i <= n) {
      int start = i;
      int tokLine = line;
      while (i < n) {
        char c = content.charAt(i);
        if (wordSplit && Character.isWhitespace(c) && c != '\n' && c != '\r') {
          break;
        }
        if (fromNulls ? c == '\0' : (c == '\n' || c == '\r')) {
          break;
        }
        if (wordSplit && (c == '\n' || c == '\r')) {
          break;
        }
        i++;
      }
      String tok = content.substring(start, i);
      if (i < n && content.charAt(i) == '\n') {
        line++;
      }
      i++;
      if (!tok.isEmpty() && (wordSplit || (tok.charAt(0) != ';' && tok.charAt(0) != '#'))) {
        RuleRef ref = refMapper.apply(new RuleRef(fileName, tokLine, tok));
        parseString(t, tok, template, xflags, ref, perDirDir, fatalMerge);
      }
    }
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
  }

  /** rsync's rule_strcmp: a long rule name, followed by space, '_', ',' or the end. */
  private static int word(String s, int pos, String w) {
    if (!s.startsWith(w, pos)) {
      return -1;
    }
    int after = pos + w.length();
    if (after >= s.length() || isSpace(s.charAt(after)) || s.charAt(after) == '_') {
      return after - 1;
    }
    if (s.charAt(after) == ',') {
      return after;
    }
    return -1;
  }

  private Tok parseTok(String s, int pos, int template, int xflags, RuleRef ref)
      throws JobConfigException {
    int n = s.length();
    if ((template & WORD_SPLIT) != 0) {
      while (pos < n && isSpace(s.charAt(pos))) {
        pos++;
      }
    }
    if (pos >= n) {
      return null;
    }
    final int ruleStart = pos;
    int flags = template & FROM_CONTAINER;
    if ((template & NO_PREFIXES) != 0) {
      if (s.charAt(pos) == '!' && (template & CVS_IGNORE) != 0) {
        flags |= CLEAR_LIST;
      }
    } else if ((xflags & XFLG_OLD_PREFIXES) != 0) {
      if (s.startsWith("- ", pos)) {
        flags &= ~INCLUDE;
        pos += 2;
      } else if (s.startsWith("+ ", pos)) {
        flags |= INCLUDE;
        pos += 2;
      } else if (s.charAt(pos) == '!') {
        flags |= CLEAR_LIST;
      }
    } else {
      char ch = 0;
      boolean sideByPrefix = false;
      int p = pos;
      char c0 = s.charAt(p);
      String longName =
          switch (c0) {
            case 'c' -> "clear";
            case 'd' -> "dir-merge";
            case 'e' -> "exclude";
            case 'h' -> "hide";
            case 'i' -> "include";
            case 'm' -> "merge";
            case 'p' -> "protect";
            case 'r' -> "risk";
            case 's' -> "show";
            default -> null;
          };
      if (longName != null) {
        p = word(s, p, longName);
        if (p < 0) {
          throw bad(ref, "Unknown filter rule: `" + s.substring(ruleStart) + "'");
        }
        ch =
            switch (c0) {
              case 'c' -> '!';
              case 'd' -> ':';
              case 'e' -> '-';
              case 'h' -> 'H';
              case 'i' -> '+';
              case 'm' -> '.';
              case 'p' -> 'P';
              case 'r' -> 'R';
              default -> 'S';
            };
      } else {
        ch = c0;
        if (p + 1 < n && s.charAt(p + 1) == ',') {
          p++;
        }
      }
      switch (ch) {
        case ':' -> flags |= PERDIR_MERGE | FINISH_SETUP | MERGE_FILE;
        case '.' -> flags |= MERGE_FILE;
        case '+' -> flags |= INCLUDE;
        case '-' -> {}
        case 'S' -> {
          flags |= INCLUDE | SENDER_SIDE;
          sideByPrefix = true;
        }
        case 'H' -> {
          flags |= SENDER_SIDE;
          sideByPrefix = true;
        }
        case 'R' -> {
          flags |= INCLUDE | RECEIVER_SIDE;
          sideByPrefix = true;
        }
        case 'P' -> {
          flags |= RECEIVER_SIDE;
          sideByPrefix = true;
        }
        case '!' -> flags |= CLEAR_LIST;
        default -> throw bad(ref, "Unknown filter rule: `" + s.substring(ruleStart) + "'");
      }
      if (ch != '!') {
        while (true) {
          p++;
          if (p >= n) {
            break;
          }
          char m = s.charAt(p);
          if (m == ' ' || m == '_') {
            break;
          }
          if ((template & WORD_SPLIT) != 0 && isSpace(m)) {
            p--;
            break;
          }
          boolean ok =
              switch (m) {
                case '-' -> {
                  if ((flags & MERGE_FILE) == 0 || (flags & NO_PREFIXES) != 0) {
                    yield false;
                  }
                  flags |= NO_PREFIXES;
                  yield true;
                }
                case '+' -> {
                  if ((flags & MERGE_FILE) == 0 || (flags & NO_PREFIXES) != 0) {
                    yield false;
                  }
                  flags |= NO_PREFIXES | INCLUDE;
                  yield true;
                }
                case '/' -> {
                  flags |= ABS_PATH;
                  yield true;
                }
                case '!' -> {
                  if ((flags & MERGE_FILE) != 0) {
                    yield false;
                  }
                  flags |= NEGATE;
                  yield true;
                }
                case 'C' -> {
                  if ((flags & NO_PREFIXES) != 0 || sideByPrefix) {
                    yield false;
                  }
                  flags |= NO_PREFIXES | WORD_SPLIT | NO_INHERIT | CVS_IGNORE;
                  yield true;
                }
                case 'e' -> {
                  if ((flags & MERGE_FILE) == 0) {
                    yield false;
                  }
                  flags |= EXCLUDE_SELF;
                  yield true;
                }
                case 'n' -> {
                  if ((flags & MERGE_FILE) == 0) {
                    yield false;
                  }
                  flags |= NO_INHERIT;
                  yield true;
                }
                case 'p' -> {
                  flags |= PERISHABLE;
                  yield true;
                }
                case 'r' -> {
                  if (sideByPrefix) {
                    yield false;
                  }
                  flags |= RECEIVER_SIDE;
                  yield true;
                }
                case 's' -> {
                  if (sideByPrefix) {
                    yield false;
                  }
                  flags |= SENDER_SIDE;
                  yield true;
                }
                case 'w' -> {
                  if ((flags & MERGE_FILE) == 0) {
                    yield false;
                  }
                  flags |= WORD_SPLIT;
                  yield true;
                }
                case 'x' -> {
                  flags |= XATTR;
                  yield true;
                }
                default -> false;
              };
          if (!ok) {
            throw bad(
                ref,
                "invalid modifier '"
                    + m
                    + "' at position "
                    + (p - ruleStart)
                    + " in filter rule: "
                    + s.substring(ruleStart));
          }
        }
      }
      if (p < n) {
        p++;
      }
      pos = p;
    }
    if ((template & SIDES) != 0) {
      if ((flags & SIDES) != 0) {
        throw bad(ref, "specified-side merge file contains specified-side filter: " + s);
      }
      flags |= template & SIDES;
    }
    int end;
    if ((template & WORD_SPLIT) != 0) {
      end = pos;
      while (end < n && !isSpace(s.charAt(end))) {
        end++;
      }
    } else {
      end = n;
    }
    int len = end - pos;
    if ((flags & CLEAR_LIST) != 0) {
      if ((flags & NO_PREFIXES) == 0
          && (template & NO_PREFIXES) == 0
          && (xflags & XFLG_OLD_PREFIXES) == 0
          && len > 0) {
        throw bad(ref, "'!' rule has trailing characters: " + s.substring(ruleStart));
      }
      if (len > 1) {
        flags &= ~CLEAR_LIST;
      }
    } else if (len == 0 && (flags & CVS_IGNORE) == 0) {
      throw bad(ref, "unexpected end of filter rule: " + s.substring(ruleStart));
    }
    return new Tok(flags, s.substring(pos, end), end);
  }

  private static JobConfigException bad(RuleRef ref, String msg) {
    return new JobConfigException(ref.file(), ref.line(), msg);
  }

  /** rsync's add_rule(). */
  void addRule(Target t, String pat, int flags, int xflags, RuleRef ref, String perDirDir) {
    if ((xflags & XFLG_ANCHORED2ABS) != 0 && (flags & SIDES) == RECEIVER_SIDE) {
      return; // a receiver-only rule in a per-dir file: the sender drops it
    }
    if (pat.length() > 1 && pat.endsWith("/")) {
      pat = pat.substring(0, pat.length() - 1);
      flags |= DIRECTORY;
    }
    int slashes = count(pat);
    if ((flags & (ABS_PATH | MERGE_FILE)) == 0
        && (xflags & XFLG_ANCHORED2ABS) != 0
        && pat.startsWith("/")) {
      flags |= ABS_PATH;
      String prefix = perDirDir == null || perDirDir.equals("/") ? "" : perDirDir;
      slashes += count(prefix);
      pat = prefix + pat;
    }
    if (pat.indexOf('*') >= 0 || pat.indexOf('[') >= 0 || pat.indexOf('?') >= 0) {
      flags |= WILD;
      int dd = pat.indexOf("**");
      if (dd >= 0) {
        flags |= WILD2;
        if (dd == 0) {
          flags |= WILD2_PREFIX;
        }
        if (pat.length() >= 3 && pat.endsWith("***")) {
          flags |= WILD3_SUFFIX;
        }
      }
    }
    String mergeName = null;
    String scanFrom = null;
    if ((flags & PERDIR_MERGE) != 0) {
      int slash = pat.lastIndexOf('/');
      mergeName = slash >= 0 ? pat.substring(slash + 1) : pat;
      if (t.activeMergeNames.contains(mergeName)) {
        return; // the same per-dir merge file was already mentioned
      }
      t.activeMergeNames.add(mergeName);
      if (pat.startsWith("/") && perDirDir == null) {
        scanFrom = slash == 0 ? "/" : normalize(pat.substring(0, slash));
      }
    }
    t.rules.add(new RsyncRule(flags, pat, slashes, ref, mergeName, scanFrom));
  }

  private static String normalize(String dir) {
    // collapse "//", "/./" and "dir/.." like rsync's clean_fname
    List<String> parts = new ArrayList<>();
    for (String part : dir.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!parts.isEmpty()) {
          parts.remove(parts.size() - 1);
        }
        continue;
      }
      parts.add(part);
    }
    return "/" + String.join("/", parts);
  }

  private static int count(String s) {
    int c = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '/') {
        c++;
      }
    }
    return c;
  }

  /** The flags of a rule list element that has no meaning for the transfer (for display). */
  static boolean isPerishable(RsyncRule r) {
    return r.has(PERISHABLE);
  }

  static int noInherit() {
    return NO_INHERIT;
  }
}
