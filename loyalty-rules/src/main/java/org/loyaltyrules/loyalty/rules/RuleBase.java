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
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;
import org.loyaltyrules.loyalty.internal.Checks;
import org.loyaltyrules.loyalty.rules.check.CompilerProblems;
import org.loyaltyrules.loyalty.rules.check.DrlChecker;
import org.loyaltyrules.loyalty.rules.check.GeneratedCode;
import org.loyaltyrules.loyalty.rules.internal.CaseSafeLocale;
import org.loyaltyrules.loyalty.rules.internal.SessionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

// Longer than 400 lines because it owns a compiled rule base whole: compiling and checking it, its
// rule names, and the session pool tied to its KieBase (a pool held elsewhere could serve two bases).
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
      "referral-bonus.drl",
      "calendar-bonuses.drl",
      "order-gifts.drl",
      "event-bonuses.drl");

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
  /** Recorded name by package, then rule name: looked up on every firing, so no key is built. */
  private final Map<String, Map<String, String>> recordedNames;
  private final List<RuleFileProblem> warnings;
  /** The sessions decisions on this rule base borrow: one pool per rule base, so a reload never shares one. */
  private final SessionPool sessions;

  private RuleBase(List<RuleSource> sources, String version, KieBase kieBase, Set<String> ruleNames,
      Map<String, Map<String, String>> recordedNames,
      List<RuleFileProblem> warnings) {
    this.sources = sources;
    this.version = version;
    this.kieBase = kieBase;
    this.ruleNames = ruleNames;
    this.recordedNames = recordedNames;
    this.warnings = warnings;
    this.sessions = SessionPool.of(kieBase);
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

  /** {@return the bundled default rule files, trusted, in {@link #DEFAULT_FILES} order} */
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
   * Compiles rule files into a rule base. Each file is first checked by {@link DrlChecker} with the
   * policy its origin calls for (restricted unless {@linkplain RuleSource#trusted() trusted}); a file
   * with an error is never handed to the compiler. File names must be unique.
   *
   * <p>Drools 10.2's code generator lower-cases Java type names with the JVM's default locale, so
   * under a Turkish, Azeri or Lithuanian default it emits {@code ınt.class} and nothing compiles.
   * On such JVMs the default locale is set to {@link Locale#ROOT} for the duration of the Drools
   * build (one build at a time) and restored afterwards, its display and format categories
   * included; on every other JVM it is left alone.
   *
   * @param sources the files
   * @return the rule base; its {@link #warnings()} list what was found but did not block loading
   * @throws RuleFileException listing every problem, warnings included, if any file has an error
   */
  public static RuleBase compile(List<RuleSource> sources) {
    return compile(sources, true);
  }

  /**
   * Tests only, and only from this package: compiles <em>trusted</em> files without the
   * compiled-code check, so that the run-time defences (the collector's checks, the bounds, the
   * typed failures) can be shown to hold on their own against code the check would have refused.
   * Never reachable from outside the package; every public path verifies.
   */
  static RuleBase compileSkippingCodeCheckForTests(List<RuleSource> sources) {
    if (sources.stream().anyMatch(s -> !s.trusted())) {
      throw new IllegalArgumentException("only trusted test files may skip the compiled-code check");
    }
    return compile(sources, false);
  }

  private static RuleBase compile(List<RuleSource> sources, boolean verifyGeneratedCode) {
    List<RuleSource> copy = validated(sources);
    List<RuleFileProblem> checked = new ArrayList<>();
    for (RuleSource source : copy) {
      checked.addAll(DrlChecker.check(source));
    }
    if (checked.stream().anyMatch(RuleFileProblem::isError)) {
      throw new RuleFileException(checked);
    }
    return build(copy, checked, verifyGeneratedCode);
  }

  /**
   * Every problem in a set of rule files, errors and warnings, without throwing for them: the
   * checker's findings and, when the checker passes every file, the compiler's, located in the file
   * where the compiler's message allows it.
   *
   * @param sources the files
   * @return the problems, in file, line and column order; empty if the files load cleanly
   */
  public static List<RuleFileProblem> check(List<RuleSource> sources) {
    try {
      return compile(sources).warnings();
    } catch (RuleFileException e) {
      return e.problems();
    }
  }

  private static List<RuleSource> validated(List<RuleSource> sources) {
    Checks.present("rule base", "sources", sources);
    Checks.check(!sources.isEmpty(), "rule base", "sources", "[]", "at least one rule file");
    Set<String> names = new LinkedHashSet<>();
    for (int i = 0; i < sources.size(); i++) {
      RuleSource source = Checks.present("rule base", "sources[" + i + "]", sources.get(i));
      Checks.check(names.add(source.name()), "rule base", "sources[" + i + "].name", source.name(), "a file name used once");
    }
    return List.copyOf(sources);
  }

  private static RuleBase build(List<RuleSource> copy, List<RuleFileProblem> warnings, boolean verifyGeneratedCode) {
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
      try {
        buildWithCaseSafeLocale(builder);
      } catch (RuntimeException e) {
        // Drools' code generator throws on some DRL it should report, e.g. NumberFormatException for
        // a number property compared with text: a file that does not compile, not a loader failure.
        LOG.debug("Drools compiler failed on rule base {}", version, e);
        List<RuleFileProblem> problems = new ArrayList<>(warnings);
        problems.addAll(crashProblems(e, copy));
        problems.sort(RuleFileProblem.ORDER);
        throw new RuleFileException(problems);
      }
      List<RuleFileProblem> problems = new ArrayList<>(warnings);
      problems.addAll(CompilerProblems.of(builder.getResults().getMessages(), copy, paths));
      problems.sort(RuleFileProblem.ORDER);
      if (problems.stream().anyMatch(RuleFileProblem::isError)) {
        throw new RuleFileException(problems);
      }
      // Nothing generated has been defined or initialised yet: this is the last point at which a
      // class can be refused before any of its code runs.
      long verifying = System.nanoTime();
      List<RuleFileProblem> unsafe = verifyGeneratedCode ? GeneratedCode.problems(builder, copy) : List.of();
      LOG.debug("verified the generated classes of rule base {} in {} µs", version, (System.nanoTime() - verifying) / 1_000);
      if (!unsafe.isEmpty()) {
        List<RuleFileProblem> all = new ArrayList<>(problems);
        all.addAll(unsafe);
        all.sort(RuleFileProblem.ORDER);
        throw new RuleFileException(all);
      }
      KieContainer container = ks.newKieContainer(releaseId, RuleBase.class.getClassLoader());
      KieBase kieBase = container.getKieBase();
      List<Rule> rules = new ArrayList<>();
      for (KiePackage pkg : kieBase.getKiePackages()) {
        rules.addAll(pkg.getRules());
      }
      Map<String, Map<String, String>> recordedNames = new java.util.HashMap<>();
      for (Rule rule : rules) {
        recordedNames.computeIfAbsent(rule.getPackageName(), k -> new java.util.HashMap<>())
            .put(rule.getName(), GeneratedCode.recordedName(rule, copy));
      }
      Set<String> ruleNames = new java.util.TreeSet<>();
      recordedNames.values().forEach(byName -> ruleNames.addAll(byName.values()));
      recordedNames.replaceAll((pkg, byName) -> Map.copyOf(byName));
      LOG.debug("compiled rule base {} ({} files, {} rules) in {} ms", version, copy.size(), ruleNames.size(),
          (System.nanoTime() - started) / 1_000_000);
      return new RuleBase(copy, version, kieBase, Collections.unmodifiableSet(ruleNames), Map.copyOf(recordedNames),
          List.copyOf(problems));
    } finally {
      // Drools keeps every built module in a process-wide repository; drop it so reloads do not leak.
      ks.getRepository().removeKieModule(releaseId);
    }
  }

  /**
   * Generates and compiles the Java for rule files without checking them, verifying or loading
   * anything: for reviewing what rule code compiles to (the compiled-code allow-list's tests).
   *
   * @param sources the files
   * @return the generated class files by internal name
   * @throws IllegalStateException with the compiler's messages if the files do not compile
   */
  @API(status = org.apiguardian.api.API.Status.INTERNAL, since = "0.1")
  public static java.util.Map<String, byte[]> generatedClasses(List<RuleSource> sources) {
    KieServices ks = KieServices.Factory.get();
    KieFileSystem kfs = ks.newKieFileSystem();
    ReleaseId releaseId = ks.newReleaseId("org.loyaltyrules.runtime", "generated-" + BUILDS.incrementAndGet(), "1.0.0");
    kfs.generateAndWritePomXML(releaseId);
    for (RuleSource source : sources) {
      kfs.write("src/main/resources/" + packageDirectory(source.content()) + source.name(), source.content());
    }
    KieBuilder builder = ks.newKieBuilder(kfs, RuleBase.class.getClassLoader());
    try {
      buildWithCaseSafeLocale(builder);
      if (builder.getResults().hasMessages(org.kie.api.builder.Message.Level.ERROR)) {
        throw new IllegalStateException("rule files do not compile: " + builder.getResults().getMessages());
      }
      java.util.Map<String, byte[]> classes = GeneratedCode.classesOf(builder.getKieModule());
      return classes == null ? java.util.Map.of() : classes;
    } finally {
      ks.getRepository().removeKieModule(releaseId);
    }
  }

  private static void buildWithCaseSafeLocale(KieBuilder builder) {
    CaseSafeLocale.call(() -> builder.buildAll(ExecutableModelProject.class));
  }

  private static String packageDirectory(String drl) {
    Matcher m = PACKAGE.matcher(drl);
    return m.find() ? m.group(1).replace('.', '/') + "/" : "";
  }

  /**
   * Traces a compiler crash to the merchant files that cause it: the only untrusted file, or each
   * untrusted file that makes the compiler throw when compiled alone (rule files do not depend on
   * each other under the restricted policy, and crashes happen early, before Java is compiled).
   */
  private static List<RuleFileProblem> crashProblems(RuntimeException error, List<RuleSource> sources) {
    List<RuleSource> untrusted = sources.stream().filter(s -> !s.trusted()).toList();
    if (untrusted.size() == 1) {
      return List.of(CompilerProblems.crash(error, untrusted.get(0), sources));
    }
    List<RuleFileProblem> problems = new ArrayList<>();
    for (RuleSource source : untrusted) {
      RuntimeException alone = crashAlone(source);
      if (alone != null) {
        problems.add(CompilerProblems.crash(alone, source, sources));
      }
    }
    return problems.isEmpty() ? List.of(CompilerProblems.crash(error, null, sources)) : problems;
  }

  private static RuntimeException crashAlone(RuleSource source) {
    KieServices ks = KieServices.Factory.get();
    KieFileSystem kfs = ks.newKieFileSystem();
    ReleaseId releaseId = ks.newReleaseId("org.loyaltyrules.runtime", "rule-file-" + BUILDS.incrementAndGet(), "1.0.0");
    kfs.generateAndWritePomXML(releaseId);
    kfs.write("src/main/resources/" + packageDirectory(source.content()) + source.name(), source.content());
    try {
      buildWithCaseSafeLocale(ks.newKieBuilder(kfs, RuleBase.class.getClassLoader()));
      return null;
    } catch (RuntimeException e) {
      return e;
    } finally {
      ks.getRepository().removeKieModule(releaseId);
    }
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

  /** {@return the content hash of the files, 16 hex digits} */
  public String version() {
    return version;
  }

  /** {@return the files, in the order given} */
  public List<RuleSource> sources() {
    return sources;
  }

  /** {@return what the checker and compiler found that did not block loading, in file and line order} */
  public List<RuleFileProblem> warnings() {
    return warnings;
  }

  /**
   * The names rules are recorded under on decisions, sorted. A bundled rule is recorded under its
   * name; a rule from any other file under its name followed by its file, {@code "name (file.drl)"},
   * so a merchant rule can never pass for a bundled one, whatever it is called.
   *
   * @return the recorded names of all rules
   */
  public Set<String> ruleNames() {
    return ruleNames;
  }

  /**
   * {@return the name its decisions are recorded under (see {@link #ruleNames()})}
   *
   * @param packageName a rule's package, as Drools reports it, or {@code null} if unknown
   * @param ruleName the rule's name in its file
   */
  @API(status = org.apiguardian.api.API.Status.INTERNAL, since = "0.1")
  public String recordedName(@org.jspecify.annotations.Nullable String packageName, String ruleName) {
    if (packageName == null) {
      // Only the name is known (a Drools message): the rule it names, if no other package shares it.
      List<String> found = recordedNames.values().stream().map(byName -> byName.get(ruleName))
          .filter(java.util.Objects::nonNull).distinct().toList();
      return found.size() == 1 ? found.get(0) : ruleName;
    }
    return recordedNames.getOrDefault(packageName, Map.of()).getOrDefault(ruleName, ruleName);
  }

  /** {@return the compiled Drools knowledge base; for this library's engine and tests} */
  @API(status = org.apiguardian.api.API.Status.INTERNAL, since = "0.1")
  public KieBase kieBase() {
    return kieBase;
  }

  /** {@return the pool of sessions of {@link #kieBase()}, one per rule base; for this library's engine} */
  @API(status = org.apiguardian.api.API.Status.INTERNAL, since = "0.3")
  public SessionPool sessionPool() {
    return sessions;
  }

  @Override
  public String toString() {
    return "RuleBase[" + version + ", " + sources.size() + " files, " + ruleNames.size() + " rules]";
  }
}
