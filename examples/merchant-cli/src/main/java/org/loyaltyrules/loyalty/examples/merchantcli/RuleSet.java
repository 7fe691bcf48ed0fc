package org.loyaltyrules.loyalty.examples.merchantcli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.rules.CampaignFile;
import org.loyaltyrules.loyalty.rules.RuleBase;
import org.loyaltyrules.loyalty.rules.RuleSource;

/**
 * A rule set named on the command line: {@code default} (the bundled rules, no campaigns) or a
 * directory whose {@code .drl} files make up the whole rule set, plus its optional
 * {@code campaigns.csv} calendar. A directory replaces the defaults; {@code init-rules} writes the
 * defaults into a directory to start from.
 *
 * @param name how reports name it: {@code default} or the directory
 * @param ruleBase the compiled rules
 * @param campaigns the campaign calendar
 */
public record RuleSet(String name, RuleBase ruleBase, List<Campaign> campaigns) {
  /** The command-line word for the bundled rules. */
  public static final String DEFAULT = "default";

  /**
   * Loads and compiles a rule set.
   *
   * @param spec {@code default} or a directory
   * @param currency the programme currency (for campaign thresholds)
   * @return the rule set
   * @throws CliException (exit 2) if the directory is missing or has no rule files
   * @throws org.loyaltyrules.loyalty.rules.RuleFileException if a file does not compile
   * @throws IOException if a file cannot be read
   */
  public static RuleSet load(String spec, Currency currency) throws IOException {
    if (spec.equalsIgnoreCase(DEFAULT)) {
      return new RuleSet(DEFAULT + " rules", RuleBase.defaults(), List.of());
    }
    Path dir = Path.of(spec);
    List<Path> files = drlFiles(dir);
    List<RuleSource> sources = new ArrayList<>();
    for (Path file : files) {
      sources.add(RuleSource.of(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8)));
    }
    List<Campaign> campaigns = List.of();
    Path calendar = dir.resolve(CampaignFile.FILE_NAME);
    if (Files.isRegularFile(calendar)) {
      campaigns = CampaignFile.parse(CampaignFile.FILE_NAME, Files.readString(calendar, StandardCharsets.UTF_8),
          currency);
    }
    return new RuleSet(dir.toString(), RuleBase.compile(sources), campaigns);
  }

  /**
   * @param dir a rules directory
   * @return its {@code .drl} files, sorted by name
   * @throws CliException (exit 2) if the directory is missing or has none
   * @throws IOException if it cannot be listed
   */
  public static List<Path> drlFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new CliException(CliException.USAGE, "rules directory not found: " + dir
          + (Files.exists(dir) ? " (it is a file; expected a directory of .drl files)" : "")
          + "; use 'default' for the bundled rules");
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".drl"))
          .filter(Files::isRegularFile).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new CliException(CliException.PROBLEMS, "no .drl files in " + dir
          + "; run 'merchant-cli init-rules " + dir + "' to start from the bundled rules");
    }
    return files;
  }
}
