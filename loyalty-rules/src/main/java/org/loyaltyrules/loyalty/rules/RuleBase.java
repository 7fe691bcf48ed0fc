package org.loyaltyrules.loyalty.rules;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;
import org.loyaltyrules.loyalty.internal.Checks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compiled, immutable set of rule files. Compiling is slow (hundreds of milliseconds to seconds)
 * and happens once, when the rule base is built; evaluating against it compiles nothing. One rule
 * base is shared by every thread.
 *
 * <p>The {@link #version()} is a content hash of the files (names and text), so the same files
 * always give the same version, and every decision records the version that made it.
 *
 * <p>This class is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class RuleBase {
  private static final Logger LOG = LoggerFactory.getLogger(RuleBase.class);

  /** The bundled default rule files, in the order they are listed here. */
  public static final List<String> DEFAULT_FILES = List.of(
      "earning.drl",
      "campaign-multipliers.drl",
      "welcome-bonus.drl",
      "order-bonuses.drl",
      "tier-upgrade.drl",
      "tier-review.drl",
      "referral-bonus.drl");

  /** Where the bundled files live on the class path. */
  public static final String DEFAULTS_PATH = "org/loyaltyrules/loyalty/rules/defaults/";

  /** The name of the global every rule file uses to emit decisions. */
  public static final String OUTPUT_GLOBAL = "decisions";

  private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([A-Za-z_][A-Za-z0-9_.]*)\\s*;?");
  private static final AtomicLong BUILDS = new AtomicLong();

  private final List<RuleSource> sources;
  private final String version;
  private final KieBase kieBase;
  private final Set<String> ruleNames;

  private RuleBase(List<RuleSource> sources, String version, KieBase kieBase, Set<String> ruleNames) {
    this.sources = sources;
    this.version = version;
    this.kieBase = kieBase;
    this.ruleNames = ruleNames;
  }

  /**
   * The bundled default programme rules (earning by tier, campaign multipliers, welcome, first-order
   * and threshold bonuses, tier upgrade and review, referral bonuses).
   *
   * @return the compiled defaults
   */
  public static RuleBase defaults() {
    return compile(defaultSources());
  }

  /** @return the bundled default rule files, trusted, in {@link #DEFAULT_FILES} order */
  public static List<RuleSource> defaultSources() {
    List<RuleSource> result = new ArrayList<>();
    for (String file : DEFAULT_FILES) {
      try (InputStream in = RuleBase.class.getClassLoader().getResourceAsStream(DEFAULTS_PATH + file)) {
        if (in == null) {
          throw new IllegalStateException("bundled rule file missing from the class path: " + DEFAULTS_PATH + file);
        }
        result.add(new RuleSource(file, new String(in.readAllBytes(), StandardCharsets.UTF_8), true));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read bundled rule file " + file, e);
      }
    }
    return result;
  }

  /**
   * Compiles rule files into a rule base. File names must be unique.
   *
   * @param sources the files
   * @return the rule base
   * @throws RuleFileException listing every problem if any file does not compile
   */
  public static RuleBase compile(List<RuleSource> sources) {
    Checks.present("rule base", "sources", sources);
    Checks.check(!sources.isEmpty(), "rule base", "sources", "[]", "at least one rule file");
    Set<String> names = new LinkedHashSet<>();
    for (int i = 0; i < sources.size(); i++) {
      RuleSource source = Checks.present("rule base", "sources[" + i + "]", sources.get(i));
      Checks.check(names.add(source.name()), "rule base", "sources[" + i + "].name", source.name(), "a file name used once");
    }
    List<RuleSource> copy = List.copyOf(sources);
    String version = versionOf(copy);
    long started = System.nanoTime();

    KieServices ks = KieServices.Factory.get();
    KieFileSystem kfs = ks.newKieFileSystem();
    ReleaseId releaseId = ks.newReleaseId("org.loyaltyrules.runtime", "rule-base-" + BUILDS.incrementAndGet(), "1.0.0");
    kfs.generateAndWritePomXML(releaseId);
    List<String> paths = new ArrayList<>();
    for (RuleSource source : copy) {
      String path = "src/main/resources/" + packageDirectory(source.content()) + source.name();
      paths.add(path);
      kfs.write(path, source.content());
    }
    KieBuilder builder = ks.newKieBuilder(kfs, RuleBase.class.getClassLoader());
    try {
      builder.buildAll(ExecutableModelProject.class);
      List<RuleFileProblem> problems = problemsOf(builder.getResults().getMessages(), copy, paths);
      if (problems.stream().anyMatch(RuleFileProblem::isError)) {
        throw new RuleFileException(problems);
      }
      KieContainer container = ks.newKieContainer(releaseId, RuleBase.class.getClassLoader());
      KieBase kieBase = container.getKieBase();
      Set<String> ruleNames = new LinkedHashSet<>();
      List<Rule> rules = new ArrayList<>();
      for (KiePackage pkg : kieBase.getKiePackages()) {
        rules.addAll(pkg.getRules());
      }
      rules.sort(Comparator.comparing(Rule::getName));
      for (Rule rule : rules) {
        ruleNames.add(rule.getName());
      }
      LOG.debug("compiled rule base {} ({} files, {} rules) in {} ms", version, copy.size(), ruleNames.size(),
          (System.nanoTime() - started) / 1_000_000);
      return new RuleBase(copy, version, kieBase, Collections.unmodifiableSet(ruleNames));
    } finally {
      // Drools keeps every built module in a process-wide repository; drop it so reloads do not leak.
      ks.getRepository().removeKieModule(releaseId);
    }
  }

  private static String packageDirectory(String drl) {
    Matcher m = PACKAGE.matcher(drl);
    return m.find() ? m.group(1).replace('.', '/') + "/" : "";
  }

  private static List<RuleFileProblem> problemsOf(List<Message> messages, List<RuleSource> sources, List<String> paths) {
    List<RuleFileProblem> problems = new ArrayList<>();
    for (Message message : messages) {
      if (message.getLevel() == Message.Level.INFO) {
        continue;
      }
      String file = message.getPath() == null ? "" : message.getPath();
      for (int i = 0; i < paths.size(); i++) {
        if (file.endsWith(paths.get(i)) || paths.get(i).endsWith(file) && !file.isEmpty()) {
          file = sources.get(i).name();
        }
      }
      problems.add(new RuleFileProblem(file, Math.max(0, message.getLine()), Math.max(0, message.getColumn()), "",
          "compile", message.getText().strip(),
          message.getLevel() == Message.Level.ERROR ? RuleFileProblem.Severity.ERROR : RuleFileProblem.Severity.WARNING));
    }
    problems.sort(Comparator.comparing(RuleFileProblem::file).thenComparingInt(RuleFileProblem::line));
    return problems;
  }

  private static String versionOf(List<RuleSource> sources) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (RuleSource source : sources) {
        digest.update(source.name().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(source.content().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /** @return the content hash of the files, 16 hex digits */
  public String version() {
    return version;
  }

  /** @return the files, in the order given */
  public List<RuleSource> sources() {
    return sources;
  }

  /** @return the names of all rules, sorted */
  public Set<String> ruleNames() {
    return ruleNames;
  }

  /** @return the compiled Drools knowledge base; for this library's engine and tests */
  @API(status = org.apiguardian.api.API.Status.INTERNAL, since = "0.1")
  public KieBase kieBase() {
    return kieBase;
  }

  @Override
  public String toString() {
    return "RuleBase[" + version + ", " + sources.size() + " files, " + ruleNames.size() + " rules]";
  }
}
