package org.loyaltyrules.loyalty.rules.files;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.LoyaltyException;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.TierLadder;
import org.loyaltyrules.loyalty.internal.Checks;
import org.loyaltyrules.loyalty.rules.LoadedRules;
import org.loyaltyrules.loyalty.rules.RuleBase;
import org.loyaltyrules.loyalty.rules.RuleFileException;
import org.loyaltyrules.loyalty.rules.RuleFileProblem;
import org.loyaltyrules.loyalty.rules.RuleSource;
import org.loyaltyrules.loyalty.rules.check.DrlPolicy;
import org.loyaltyrules.loyalty.rules.check.RuleDeclarations;
import org.loyaltyrules.loyalty.rules.trial.RuleTrial;

/**
 * The files a loyalty programme is made of, before they are loaded: rule files ({@code *.drl}), and
 * optionally the campaign calendar ({@value CampaignFile#FILE_NAME}) and the tier ladder
 * ({@value TierFile#FILE_NAME}). They come from the bundled defaults, a directory, or strings, and
 * can be layered: {@code RuleFiles.directory(dir).over(RuleFiles.bundled())} keeps the bundled rule
 * files except those the directory replaces by name, and adds the directory's others.
 *
 * <p>{@link #check(Programme)} reports every problem of every file without throwing;
 * {@link #load(Programme)} compiles the rules, applies the calendar and ladder to a programme and
 * runs the result through a {@link RuleTrial}, or throws one {@link RuleFileException} listing all
 * problems. Files from a directory or strings are
 * held to the restricted DRL subset ({@link DrlPolicy#restricted()}); only the bundled files are
 * trusted.
 *
 * <p>This class is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class RuleFiles {
  private static final Pattern TIER_LITERAL = Pattern.compile("\\btier\\s*(?:==|!=)\\s*\"([^\"]*)\"");
  private static final Pattern RULE = Pattern.compile("(?m)^\\s*rule\\s+\"([^\"]*)\"");
  private static final char BYTE_ORDER_MARK = '\uFEFF';

  /** The largest rule, campaign or tier file {@link #directory(Path)} reads: 1 MiB. */
  public static final int MAX_FILE_BYTES = 1 << 20;

  /** The most rule, campaign and tier files {@link #directory(Path)} reads from one directory. */
  public static final int MAX_FILES = 256;

  /** The most bytes {@link #directory(Path)} reads from one directory's files together: 16 MiB. */
  public static final long MAX_DIRECTORY_BYTES = 16L << 20;

  private final List<RuleSource> sources;
  private final Optional<DataFile> campaigns;
  private final Optional<DataFile> tiers;
  /** Files of a directory that cannot be rule files as named; reported by check and load. */
  private final List<RuleFileProblem> unusable;

  private record DataFile(String name, String text) {}

  private RuleFiles(List<RuleSource> sources, Optional<DataFile> campaigns, Optional<DataFile> tiers,
      List<RuleFileProblem> unusable) {
    this.sources = List.copyOf(sources);
    this.campaigns = campaigns;
    this.tiers = tiers;
    this.unusable = List.copyOf(unusable);
  }

  /** @return the bundled default rule files, trusted, without a calendar or ladder */
  public static RuleFiles bundled() {
    return new RuleFiles(RuleBase.defaultSources(), Optional.empty(), Optional.empty(), List.of());
  }

  /**
   * @param sources rule files given as strings
   * @return them, without a calendar or ladder
   */
  public static RuleFiles of(List<RuleSource> sources) {
    Checks.elements("RuleFiles", "sources", sources);
    return new RuleFiles(sources, Optional.empty(), Optional.empty(), List.of());
  }

  /**
   * Reads a directory (not its subdirectories): every {@code *.drl} file, untrusted, in name order,
   * plus {@value CampaignFile#FILE_NAME} and {@value TierFile#FILE_NAME} if present. Other files are
   * ignored. Files are read as UTF-8; a leading byte-order mark, which Windows editors and
   * spreadsheet exports write, is dropped.
   *
   * <p>A file that cannot be used is not read, and {@link #check(Programme)} and {@link
   * #load(Programme)} report it by name, next to the problems of the other files, which are still
   * read and checked:
   *
   * <ul>
   *   <li>{@code file-name}: a {@code .drl} name that is not a usable rule file name ({@link RuleSource});
   *   <li>{@code encoding}: not UTF-8 text, reported at the line and column of the first bad byte;
   *   <li>{@code not-a-file} (a warning): a directory, device, pipe or socket with a rule or data
   *       file's name is not a rule or data file, and not read;
   *   <li>{@code unreadable}: the file cannot be opened or read (permissions, a broken symbolic link
   *       or a symbolic link loop, a file deleted while it was read);
   *   <li>{@code file-too-large}: more than {@value #MAX_FILE_BYTES} bytes;
   *   <li>{@code too-many-files}: past the first {@value #MAX_FILES} rule and data files in name
   *       order;
   *   <li>{@code directory-too-large}: past {@value #MAX_DIRECTORY_BYTES} bytes read in all.
   * </ul>
   *
   * @param dir the directory
   * @return its files
   * @throws NotDirectoryException if {@code dir} is not a directory
   * @throws IOException if the directory itself cannot be listed; the exception names it
   */
  public static RuleFiles directory(Path dir) throws IOException {
    Checks.present("RuleFiles", "dir", dir);
    requireDirectory(dir);
    List<RuleSource> sources = new ArrayList<>();
    Optional<DataFile> campaigns = Optional.empty();
    Optional<DataFile> tiers = Optional.empty();
    List<RuleFileProblem> unusable = new ArrayList<>();
    List<Path> files = listed(dir);
    long budget = MAX_DIRECTORY_BYTES;
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      String name = file.getFileName().toString();
      if (i == MAX_FILES) {
        unusable.add(fileProblem(name, 0, 0, "too-many-files", "Too many files: [" + files.size()
            + "] rule and data files; expected at most " + MAX_FILES + " (this file and the "
            + (files.size() - MAX_FILES - 1) + " after it in name order were not read)"));
        break;
      }
      Read read = read(file, name, budget);
      if (read.problem() != null) {
        unusable.add(read.problem());
        if (read.problem().code().equals("directory-too-large")) {
          break;
        }
        continue;
      }
      budget -= read.bytes();
      if (name.equals(CampaignFile.FILE_NAME)) {
        campaigns = Optional.of(new DataFile(name, read.text()));
      } else if (name.equals(TierFile.FILE_NAME)) {
        tiers = Optional.of(new DataFile(name, read.text()));
      } else {
        try {
          sources.add(RuleSource.of(name, read.text()));
        } catch (LoyaltyException e) {
          // A file manager makes "my rules.drl" or "BONUS.DRL" easily: a problem to report with the
          // others, not an exception that stops a directory watcher from ever loading.
          unusable.add(fileProblem(name, 0, 0, "file-name", e.getMessage()));
        }
      }
    }
    return new RuleFiles(sources, campaigns, tiers, unusable);
  }

  private static void requireDirectory(Path dir) throws NotDirectoryException {
    if (!Files.isDirectory(dir)) {
      throw new NotDirectoryException(dir.toAbsolutePath() + (Files.exists(dir) ? " is a file" : " does not exist")
          + "; expected a directory of .drl files");
    }
  }

  /** A file's text, or why it cannot be used; {@code bytes} is what reading it cost. */
  private record Read(String text, long bytes, RuleFileProblem problem) {
    static Read refused(RuleFileProblem problem) {
      return new Read(null, 0, problem);
    }
  }

  /**
   * Reads one file, bounded: its type is looked at before it is opened (opening a pipe would block),
   * and never more than {@value #MAX_FILE_BYTES} bytes (plus one, to tell a larger file) are read.
   */
  private static Read read(Path file, String name, long budget) {
    byte[] bytes;
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        // Not read, and not an error: a folder of old rules named "archive.drl" is not a rule file.
        return Read.refused(new RuleFileProblem(name, 0, 0, "", "not-a-file", "Not a file: [" + name + "] is "
            + (attributes.isDirectory() ? "a directory" : "a device, pipe or socket")
            + "; expected a regular file (it is not read: rules are read from the directory itself, not from"
            + " subdirectories)", RuleFileProblem.Severity.WARNING));
      }
      if (attributes.size() > MAX_FILE_BYTES) {
        return Read.refused(tooLarge(name, attributes.size()));
      }
      if (attributes.size() > budget) {
        return Read.refused(fileProblem(name, 0, 0, "directory-too-large", "Directory too large: the rule and data files"
            + " read before this one leave [" + budget + "] bytes of the directory's " + MAX_DIRECTORY_BYTES
            + "; expected rule and data files of at most " + MAX_DIRECTORY_BYTES + " bytes together (this file and"
            + " those after it in name order were not read)"));
      }
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes(MAX_FILE_BYTES + 1);
      }
    } catch (IOException e) {
      return Read.refused(fileProblem(name, 0, 0, "unreadable", "Unreadable file: [" + name + "] " + reason(e)
          + "; expected a regular file the host can read"));
    }
    if (bytes.length > MAX_FILE_BYTES) {
      return Read.refused(tooLarge(name, bytes.length)); // it grew while it was read
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      return Read.refused(notUtf8(name, bytes, in.position(), out));
    }
    out.flip();
    String text = out.toString();
    return new Read(!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text, bytes.length, null);
  }

  /**
   * The first byte that is not UTF-8, placed by line and column: the column counts the characters
   * decoded on its line before it, as every other position does.
   */
  private static RuleFileProblem notUtf8(String name, byte[] bytes, int offset, CharBuffer decoded) {
    decoded.flip();
    int line = 1;
    int column = 1;
    for (int i = 0; i < decoded.length(); i++) {
      if (decoded.charAt(i) == '\n') {
        line++;
        column = 1;
      } else if (!(i == 0 && decoded.charAt(i) == BYTE_ORDER_MARK)) {
        column++;
      }
    }
    String at = offset < bytes.length ? String.format(Locale.ROOT, "0x%02X", bytes[offset] & 0xFF) : "end of file";
    return fileProblem(name, line, column, "encoding", "Not UTF-8 text: byte [" + at + "] at offset [" + offset
        + "] does not decode as UTF-8; expected a file saved as UTF-8 (an editor saving as Big5 or"
        + " Windows-1252 writes bytes like this one)");
  }

  private static RuleFileProblem tooLarge(String name, long size) {
    return fileProblem(name, 0, 0, "file-too-large", "File too large: [" + name + "] has [" + size
        + "] bytes; expected at most " + MAX_FILE_BYTES + " (1 MiB) per rule or data file");
  }

  private static String reason(IOException e) {
    String kind = e.getClass().getSimpleName();
    String detail = e instanceof FileSystemException fs ? fs.getReason() : null;
    return detail == null || detail.isBlank() ? kind : kind + " (" + detail + ")";
  }

  private static RuleFileProblem fileProblem(String name, int line, int column, String code, String message) {
    return new RuleFileProblem(name, line, column, "", code, message, RuleFileProblem.Severity.ERROR);
  }

  /**
   * A content hash of a directory's rule, campaign and tier files (names and bytes): cheap next to
   * compiling, so a poller can call it to see whether anything changed. A file that {@link
   * #directory(Path)} would not read (see there) is hashed by what can be known of it without
   * reading it (its size and time of last change, or why it cannot be read), so fixing it is seen
   * as a change too; directories and other entries that are not files are left out.
   *
   * @param dir the directory
   * @return 16 hex digits
   * @throws NotDirectoryException if {@code dir} is not a directory
   * @throws IOException if the directory itself cannot be listed; the exception names it
   */
  public static String fingerprint(Path dir) throws IOException {
    Checks.present("RuleFiles", "dir", dir);
    requireDirectory(dir);
    MessageDigest digest = sha256();
    List<Path> files = listed(dir);
    for (int i = 0; i < Math.min(files.size(), MAX_FILES + 1); i++) {
      Path file = files.get(i);
      String content = fingerprintOf(file);
      if (content == null) {
        continue; // not a file: only a warning, and adding or changing it changes no rule
      }
      digest.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(content.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
    }
    return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
  }

  private static String fingerprintOf(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        return null;
      }
      if (attributes.size() > MAX_FILE_BYTES) {
        return "large " + attributes.size() + " " + attributes.lastModifiedTime().toMillis();
      }
      try (InputStream in = Files.newInputStream(file)) {
        return "bytes " + HexFormat.of().formatHex(sha256().digest(in.readNBytes(MAX_FILE_BYTES + 1)));
      }
    } catch (IOException e) {
      return "unreadable " + reason(e);
    }
  }

  /**
   * The rule and data files of a directory, in name order: every entry with such a name, whatever
   * it is, so that a directory or pipe named like one is reported rather than silently skipped.
   */
  private static List<Path> listed(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, RuleFiles::isRuleOrDataFile)) {
      for (Path entry : entries) {
        files.add(entry);
      }
    } catch (DirectoryIteratorException e) {
      throw e.getCause(); // an IOException naming the directory, as the signature says
    }
    files.sort(null);
    return files;
  }

  private static boolean isRuleOrDataFile(Path entry) {
    String name = entry.getFileName().toString();
    return name.toLowerCase(Locale.ROOT).endsWith(".drl") || name.equals(CampaignFile.FILE_NAME)
        || name.equals(TierFile.FILE_NAME);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /**
   * @param fileName the name reported in problems
   * @param csv the campaign calendar, in {@link CampaignFile}'s layout
   * @return these files with that calendar
   */
  public RuleFiles withCampaigns(String fileName, String csv) {
    return new RuleFiles(sources, Optional.of(new DataFile(fileName, csv)), tiers, unusable);
  }

  /**
   * @param fileName the name reported in problems
   * @param csv the tier ladder, in {@link TierFile}'s layout
   * @return these files with that ladder
   */
  public RuleFiles withTiers(String fileName, String csv) {
    return new RuleFiles(sources, campaigns, Optional.of(new DataFile(fileName, csv)), unusable);
  }

  /**
   * Layers these files over others: a rule file here replaces the one of the same name there, the
   * other files here are added after theirs; a calendar or ladder here replaces theirs.
   *
   * @param base the files underneath, typically {@link #bundled()}
   * @return the layered files
   */
  public RuleFiles over(RuleFiles base) {
    Checks.present("RuleFiles", "base", base);
    Map<String, RuleSource> merged = new LinkedHashMap<>();
    for (RuleSource source : base.sources) {
      merged.put(source.name(), source);
    }
    for (RuleSource source : sources) {
      merged.put(source.name(), source);
    }
    List<RuleFileProblem> bothUnusable = new ArrayList<>(base.unusable);
    bothUnusable.addAll(unusable);
    return new RuleFiles(List.copyOf(merged.values()), campaigns.or(() -> base.campaigns),
        tiers.or(() -> base.tiers), bothUnusable);
  }

  /** @return the rule files, in load order */
  public List<RuleSource> sources() {
    return sources;
  }

  /**
   * @return the problems found while reading the files, before any was checked: files of a
   *     directory that were not read (see {@link #directory(Path)}); {@link #check(Programme)} and
   *     {@link #load(Programme)} report them with the others
   */
  public List<RuleFileProblem> fileProblems() {
    return unusable;
  }

  /**
   * Every problem in every file, errors and warnings, without throwing for them.
   *
   * @param programme the programme the files will run under (its currency reads thresholds, its
   *     ladder is used when there is no tier file)
   * @return the problems, in file, line and column order; empty if everything loads cleanly
   */
  public List<RuleFileProblem> check(Programme programme) {
    try {
      return load(programme).warnings();
    } catch (RuleFileException e) {
      return e.problems();
    }
  }

  /**
   * Compiles the rule files, applies the calendar and ladder, if any, to a programme, and runs the
   * {@linkplain RuleTrial#generated() generated trial} on the result: rules that compile but fail
   * at run time, or break a ledger invariant, are rejected here rather than on a shop's orders.
   *
   * @param programme the programme to run under; its campaigns and ladder are replaced by the
   *     files' when present
   * @return the loaded rules
   * @throws RuleFileException listing every problem of every file, warnings included, if any file
   *     has an error or the rules fail the trial; nothing is loaded then
   */
  public LoadedRules load(Programme programme) {
    return load(programme, RuleTrial.generated());
  }

  /**
   * Compiles the rule files, applies the calendar and ladder, if any, to a programme, and runs a
   * trial on the result.
   *
   * @param programme the programme to run under; its campaigns and ladder are replaced by the
   *     files' when present
   * @param trial the trial the rules must pass, e.g. {@code RuleTrial.generated().withSample(recent)}
   * @return the loaded rules; their warnings include the trial's
   * @throws RuleFileException listing every problem of every file, warnings included, if any file
   *     has an error or the rules fail the trial (each failure at the rule's declaration, naming
   *     the event); nothing is loaded then
   */
  public LoadedRules load(Programme programme, RuleTrial trial) {
    Checks.present("RuleFiles", "programme", programme);
    Checks.present("RuleFiles", "trial", trial);
    List<RuleFileProblem> problems = new ArrayList<>(unusable);
    List<Campaign> calendar = null;
    TierLadder ladder = null;
    if (campaigns.isPresent()) {
      try {
        calendar = CampaignFile.parse(campaigns.get().name(), campaigns.get().text(), programme.currency());
        problems.addAll(CampaignFile.warnings(campaigns.get().name(), calendar));
      } catch (RuleFileException e) {
        problems.addAll(e.problems());
      }
    }
    boolean ladderKnown = true;
    if (tiers.isPresent()) {
      try {
        ladder = TierFile.parse(tiers.get().name(), tiers.get().text(), programme.currency());
      } catch (RuleFileException e) {
        problems.addAll(e.problems());
        ladderKnown = false;
      }
    }
    RuleBase ruleBase = null;
    if (sources.isEmpty() && unusable.isEmpty()) {
      problems.add(new RuleFileProblem("", 0, 0, "", "no-rules", "no rule files; expected at least one .drl file",
          RuleFileProblem.Severity.ERROR));
    } else if (!sources.isEmpty()) {
      // Across files, before the compiler: it only sees names clash within one package, and then
      // blames whichever file it likes, the bundled one included.
      problems.addAll(RuleDeclarations.duplicates(sources));
      try {
        ruleBase = RuleBase.compile(sources);
        problems.addAll(ruleBase.warnings());
      } catch (RuleFileException e) {
        for (RuleFileProblem problem : e.problems()) {
          if (!problems.contains(problem)) {
            problems.add(problem); // the compiler's same-package clash, placed as above, is the same problem
          }
        }
      }
    }
    if (ladderKnown) {
      // With a broken tier file the ladder is unknown: checking against the programme's would call
      // the file's own codes unknown.
      problems.addAll(unknownTiers(Set.copyOf((ladder != null ? ladder : programme.tiers()).codes())));
    }
    problems.sort(RuleFileProblem.ORDER);
    if (ruleBase == null || problems.stream().anyMatch(RuleFileProblem::isError)) {
      throw new RuleFileException(problems);
    }
    Programme.Builder adapted = programme.toBuilder();
    if (calendar != null) {
      adapted.clearCampaigns().campaigns(calendar);
    }
    if (ladder != null) {
      adapted.tiers(ladder);
    }
    Programme loaded = adapted.build();
    problems.addAll(trial.run(ruleBase, loaded));
    problems.sort(RuleFileProblem.ORDER);
    if (problems.stream().anyMatch(RuleFileProblem::isError)) {
      throw new RuleFileException(problems);
    }
    return new LoadedRules(ruleBase, loaded, List.copyOf(problems));
  }

  /**
   * A rule comparing the tier with a code the ladder does not have can never fire. Reported at the
   * literal's opening quote, with the rule; comments are not looked at.
   */
  private List<RuleFileProblem> unknownTiers(Set<String> codes) {
    List<RuleFileProblem> warnings = new ArrayList<>();
    for (RuleSource source : sources) {
      String code = RuleDeclarations.withoutComments(source.content());
      Matcher m = TIER_LITERAL.matcher(code);
      while (m.find()) {
        if (!codes.contains(m.group(1))) {
          int quote = m.start(1) - 1;
          int line = 1;
          int lineStart = 0;
          for (int i = 0; i < quote; i++) {
            if (code.charAt(i) == '\n') {
              line++;
              lineStart = i + 1;
            }
          }
          String rule = "";
          Matcher r = RULE.matcher(code);
          while (r.find() && r.start() < quote) {
            rule = r.group(1);
          }
          warnings.add(new RuleFileProblem(source.name(), line, quote - lineStart + 1, rule, "unknown-tier",
              "tier [" + m.group(1) + "] is not on the programme's ladder " + codes.stream().sorted().toList()
                  + "; a condition on it never holds",
              RuleFileProblem.Severity.WARNING));
        }
      }
    }
    return warnings;
  }

  @Override
  public String toString() {
    return "RuleFiles" + sources.stream().map(RuleSource::name).toList()
        + campaigns.map(c -> " + " + c.name()).orElse("") + tiers.map(t -> " + " + t.name()).orElse("");
  }
}
