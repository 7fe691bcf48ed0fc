package org.loyaltyrules.loyalty.rules;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.LoyaltyException;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.TierLadder;

/**
 * The files a loyalty programme is made of, before they are loaded: rule files ({@code *.drl}), and
 * optionally the campaign calendar ({@value CampaignFile#FILE_NAME}) and the tier ladder
 * ({@value TierFile#FILE_NAME}). They come from the bundled defaults, a directory, or strings, and
 * can be layered: {@code RuleFiles.directory(dir).over(RuleFiles.bundled())} keeps the bundled rule
 * files except those the directory replaces by name, and adds the directory's others.
 *
 * <p>{@link #check(Programme)} reports every problem of every file without throwing;
 * {@link #load(Programme)} compiles the rules and applies the calendar and ladder to a programme, or
 * throws one {@link RuleFileException} listing all problems. Files from a directory or strings are
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
    Objects.requireNonNull(sources, "sources");
    return new RuleFiles(sources, Optional.empty(), Optional.empty(), List.of());
  }

  /**
   * Reads a directory (not its subdirectories): every {@code *.drl} file, untrusted, in name order,
   * plus {@value CampaignFile#FILE_NAME} and {@value TierFile#FILE_NAME} if present. Other files are
   * ignored. Files are read as UTF-8; a leading byte-order mark, which Windows editors and
   * spreadsheet exports write, is dropped. A {@code .drl} file whose name is not a usable rule file
   * name ({@link RuleSource}) is not read; {@link #check(Programme)} and {@link #load(Programme)}
   * report it.
   *
   * @param dir the directory
   * @return its files
   * @throws NotDirectoryException if {@code dir} is not a directory
   * @throws IOException if a file cannot be read
   */
  public static RuleFiles directory(Path dir) throws IOException {
    Objects.requireNonNull(dir, "dir");
    if (!Files.isDirectory(dir)) {
      throw new NotDirectoryException(dir.toAbsolutePath() + (Files.exists(dir) ? " is a file" : " does not exist")
          + "; expected a directory of .drl files");
    }
    List<RuleSource> sources = new ArrayList<>();
    Optional<DataFile> campaigns = Optional.empty();
    Optional<DataFile> tiers = Optional.empty();
    List<RuleFileProblem> unusable = new ArrayList<>();
    for (Path file : listed(dir)) {
      String name = file.getFileName().toString();
      if (name.equals(CampaignFile.FILE_NAME)) {
        campaigns = Optional.of(new DataFile(name, read(file)));
      } else if (name.equals(TierFile.FILE_NAME)) {
        tiers = Optional.of(new DataFile(name, read(file)));
      } else {
        try {
          sources.add(RuleSource.of(name, read(file)));
        } catch (LoyaltyException e) {
          // A file manager makes "my rules.drl" or "BONUS.DRL" easily: a problem to report with the
          // others, not an exception that stops a directory watcher from ever loading.
          unusable.add(new RuleFileProblem(name, 0, 0, "", "file-name", e.getMessage(), RuleFileProblem.Severity.ERROR));
        }
      }
    }
    return new RuleFiles(sources, campaigns, tiers, unusable);
  }

  private static String read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
  }

  /**
   * A content hash of a directory's rule, campaign and tier files (names and bytes): cheap next to
   * compiling, so a poller can call it to see whether anything changed.
   *
   * @param dir the directory
   * @return 16 hex digits
   * @throws IOException if the directory or a file cannot be read
   */
  public static String fingerprint(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new NotDirectoryException(dir.toAbsolutePath().toString());
    }
    MessageDigest digest = sha256();
    for (Path file : listed(dir)) {
      digest.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(Files.readAllBytes(file));
      digest.update((byte) 0);
    }
    return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
  }

  private static List<Path> listed(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(Files::isRegularFile).filter(p -> {
        String name = p.getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith(".drl") || name.equals(CampaignFile.FILE_NAME)
            || name.equals(TierFile.FILE_NAME);
      }).sorted().toList();
    }
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
   * Compiles the rule files and applies the calendar and ladder, if any, to a programme.
   *
   * @param programme the programme to run under; its campaigns and ladder are replaced by the
   *     files' when present
   * @return the loaded rules
   * @throws RuleFileException listing every problem of every file, warnings included, if any file
   *     has an error; nothing is loaded then
   */
  public LoadedRules load(Programme programme) {
    Objects.requireNonNull(programme, "programme");
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
      try {
        ruleBase = RuleBase.compile(sources);
        problems.addAll(ruleBase.warnings());
      } catch (RuleFileException e) {
        problems.addAll(e.problems());
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
    return new LoadedRules(ruleBase, adapted.build(), List.copyOf(problems));
  }

  /**
   * A rule comparing the tier with a code the ladder does not have can never fire. Reported at the
   * literal's opening quote, with the rule; comments are not looked at.
   */
  private List<RuleFileProblem> unknownTiers(Set<String> codes) {
    List<RuleFileProblem> warnings = new ArrayList<>();
    for (RuleSource source : sources) {
      String code = withoutComments(source.content());
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

  /**
   * @return the text with every comment's characters blanked, line breaks kept, so offsets and
   *     positions are those of the original; string literals are kept whole
   */
  private static String withoutComments(String text) {
    StringBuilder out = new StringBuilder(text);
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '"') {
        i++;
        while (i < n && text.charAt(i) != '"' && text.charAt(i) != '\n') {
          i += text.charAt(i) == '\\' ? 2 : 1;
        }
        i++;
      } else if (c == '/' && i + 1 < n && (text.charAt(i + 1) == '/' || text.charAt(i + 1) == '*')) {
        boolean line = text.charAt(i + 1) == '/';
        int end = line ? text.indexOf('\n', i) : text.indexOf("*/", i + 2);
        end = end < 0 ? n : line ? end : end + 2;
        for (int j = i; j < end; j++) {
          if (text.charAt(j) != '\n') {
            out.setCharAt(j, ' ');
          }
        }
        i = end;
      } else {
        i++;
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "RuleFiles" + sources.stream().map(RuleSource::name).toList()
        + campaigns.map(c -> " + " + c.name()).orElse("") + tiers.map(t -> " + " + t.name()).orElse("");
  }
}
