package org.loyaltyrules.loyalty.examples.shop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.CampaignFile;
import org.loyaltyrules.loyalty.rules.Programmes;
import org.loyaltyrules.loyalty.rules.RuleBase;
import org.loyaltyrules.loyalty.rules.RuleFileProblem;
import org.loyaltyrules.loyalty.rules.RuleSource;

/**
 * Reads a rules directory: every {@code *.drl} file (merchant files, held to the restricted subset)
 * plus, unless turned off, the bundled default files, where a directory file named like a bundled one
 * replaces it; and {@code campaigns.csv}, the campaign calendar of the default Taiwanese programme.
 * Compiling is slow (a second or more), so callers do it off the request path.
 */
final class RuleDirectory {
  private RuleDirectory() {}

  /**
   * A compiled rule set, ready to swap in.
   *
   * @param ruleBase the compiled rules
   * @param programme the programme with the directory's campaigns
   * @param fingerprint the content hash of the files it was built from
   * @param files the rule file names, bundled ones included
   * @param campaigns the number of campaigns
   * @param warnings problems that did not block loading
   */
  record Loaded(
      RuleBase ruleBase, Programme programme, String fingerprint, List<String> files, int campaigns,
      List<RuleFileProblem> warnings) {}

  /**
   * A hash of the directory's rule and campaign files (names and bytes); cheap next to compiling, so
   * a poller calls it to see whether anything changed.
   *
   * @param dir the directory, or null
   * @return the fingerprint
   */
  static String fingerprint(Path dir) {
    if (dir == null) {
      return "bundled";
    }
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Path file : files(dir)) {
        digest.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(Files.readAllBytes(file));
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read rules directory " + dir, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /**
   * Reads and compiles the directory.
   *
   * @param dir the directory, or null for the bundled rules alone
   * @param includeDefaults whether to load the bundled files too
   * @return the compiled rule set
   * @throws org.loyaltyrules.loyalty.rules.RuleFileException if a rule or campaign file is invalid
   * @throws UncheckedIOException if the directory cannot be read
   */
  static Loaded load(Path dir, boolean includeDefaults) {
    String fingerprint = fingerprint(dir);
    Map<String, RuleSource> sources = new LinkedHashMap<>();
    if (includeDefaults || dir == null) {
      for (RuleSource source : RuleBase.defaultSources()) {
        sources.put(source.name(), source);
      }
    }
    List<Campaign> campaigns = List.of();
    List<RuleFileProblem> warnings = new ArrayList<>();
    if (dir != null) {
      try {
        for (Path file : files(dir)) {
          String name = file.getFileName().toString();
          String text = Files.readString(file, StandardCharsets.UTF_8);
          if (name.equals(CampaignFile.FILE_NAME)) {
            campaigns = CampaignFile.parse(name, text, Programmes.taiwan(List.of()).currency());
            warnings.addAll(CampaignFile.warnings(name, campaigns));
          } else {
            sources.put(name, RuleSource.of(name, text));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read rules directory " + dir, e);
      }
    }
    RuleBase ruleBase = RuleBase.compile(List.copyOf(sources.values()));
    return new Loaded(ruleBase, Programmes.taiwan(campaigns), fingerprint, List.copyOf(sources.keySet()),
        campaigns.size(), List.copyOf(warnings));
  }

  /** The directory's rule files and campaign file, sorted by name. */
  private static List<Path> files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("rules.dir [" + dir.toAbsolutePath() + "] is not a directory");
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(Files::isRegularFile)
          .filter(p -> {
            String name = p.getFileName().toString();
            return name.endsWith(".drl") || name.equals(CampaignFile.FILE_NAME);
          })
          .sorted()
          .toList();
    }
  }
}
