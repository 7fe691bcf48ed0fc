package org.loyaltyrules.loyalty.rules.files;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.loyaltyrules.loyalty.rules.Programmes;
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

  /** {@return the bundled default rule files, trusted, without a calendar or ladder} */
  public static RuleFiles bundled() {
    return new RuleFiles(RuleBase.defaultSources(), Optional.empty(), Optional.empty(), List.of());
  }

  /**
   * {@return them, without a calendar or ladder}
   *
   * @param sources rule files given as strings
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
    RuleDirectory.requireDirectory(dir);
    List<RuleSource> sources = new ArrayList<>();
    Optional<DataFile> campaigns = Optional.empty();
    Optional<DataFile> tiers = Optional.empty();
    List<RuleFileProblem> unusable = new ArrayList<>();
    List<Path> files = RuleDirectory.listed(dir);
    long budget = MAX_DIRECTORY_BYTES;
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      String name = file.getFileName().toString();
      if (i == MAX_FILES) {
        unusable.add(RuleDirectory.fileProblem(name, 0, 0, "too-many-files", "Too many files: [" + files.size()
            + "] rule and data files; expected at most " + MAX_FILES + " (this file and the "
            + (files.size() - MAX_FILES - 1) + " after it in name order were not read)"));
        break;
      }
      RuleDirectory.Read read = RuleDirectory.read(file, name, budget);
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
          unusable.add(RuleDirectory.fileProblem(name, 0, 0, "file-name", e.getMessage()));
        }
      }
    }
    return new RuleFiles(sources, campaigns, tiers, unusable);
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
    return RuleDirectory.fingerprint(dir);
  }
  /**
   * {@return these files with that calendar}
   *
   * @param fileName the name reported in problems
   * @param csv the campaign calendar, in {@link CampaignFile}'s layout
   */
  public RuleFiles withCampaigns(String fileName, String csv) {
    return new RuleFiles(sources, Optional.of(new DataFile(fileName, csv)), tiers, unusable);
  }

  /**
   * {@return these files with that ladder}
   *
   * @param fileName the name reported in problems
   * @param csv the tier ladder, in {@link TierFile}'s layout
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

  /** {@return the rule files, in load order} */
  public List<RuleSource> sources() {
    return sources;
  }

  /**
   * {@return the problems found while reading the files, before any was checked: files of a
   * directory that were not read (see {@link #directory(Path)}); {@link #check(Programme)} and
   * {@link #load(Programme)} report them with the others}
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
   *     files' when present (its referral campaigns stay when the campaign file has none, as they did
   *     when referral amounts were written in the rules)
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
   *     files' when present (its referral campaigns stay when the campaign file has none, as they did
   *     when referral amounts were written in the rules)
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
      adapted.clearCampaigns().campaigns(Programmes.keepReferrals(calendar, programme.campaigns()));
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
