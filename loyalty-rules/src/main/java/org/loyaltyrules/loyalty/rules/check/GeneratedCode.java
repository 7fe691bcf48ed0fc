package org.loyaltyrules.loyalty.rules.check;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.drools.compiler.compiler.io.memory.MemoryFileSystem;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.compiler.kie.builder.impl.MemoryKieModule;
import org.drools.modelcompiler.CanonicalKieModule;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieModule;
import org.loyaltyrules.loyalty.rules.RuleFileProblem;
import org.loyaltyrules.loyalty.rules.RuleSource;

/**
 * The seam between Drools' build and the first class load: takes the class files a {@link
 * KieBuilder} generated, has {@link GeneratedCodeVerifier} check them, and places what it refuses in
 * the rule file and rule it came from.
 *
 * <p>Drools' {@code buildAll(ExecutableModelProject.class)} generates and compiles Java without
 * defining any class; classes are defined and initialised only when a {@code KieBase} is created
 * from the module. The bytes are read from the module's in-memory file system, the same bytes the
 * project class loader later defines.
 *
 * <p>Not API: used by {@link org.loyaltyrules.loyalty.rules.RuleBase}.
 */
@API(status = INTERNAL, since = "0.1")
public final class GeneratedCode {
  /** The code of a problem in compiled code. Not API: used by tests in the rules package. */
  @API(status = INTERNAL, since = "0.1")
  public static final String CODE = "unsafe-compiled-code";
  private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([A-Za-z_][A-Za-z0-9_.]*)");

  private GeneratedCode() {}

  /**
   * Not API: used by {@link org.loyaltyrules.loyalty.rules.RuleBase}.
   *
   * @param builder a builder after {@code buildAll}, with no compile errors
   * @param sources the files it built
   * @return a problem for each unsafe reference in the generated classes, empty when all are safe
   */
  @API(status = INTERNAL, since = "0.1")
  public static List<RuleFileProblem> problems(KieBuilder builder, List<RuleSource> sources) {
    Map<String, byte[]> classes = classesOf(builder.getKieModule());
    if (classes == null) {
      // Fail closed: code that cannot be verified is not loaded.
      return List.of(new RuleFileProblem(sources.get(0).name(), 1, 1, "", CODE,
          "the compiled rule classes could not be read for verification (unexpected Drools module "
              + builder.getKieModule().getClass().getName() + "); nothing was loaded", RuleFileProblem.Severity.ERROR));
    }
    // One problem per rule (or per file, for code no single rule owns), naming what it reaches.
    Map<RuleFileProblem, java.util.Set<String>> reached = new LinkedHashMap<>();
    for (GeneratedCodeVerifier.Finding finding : GeneratedCodeVerifier.standard().verify(classes)) {
      reached.computeIfAbsent(locate(finding, sources), k -> new java.util.LinkedHashSet<>()).add(readable(finding.reference()));
    }
    List<RuleFileProblem> problems = new ArrayList<>();
    reached.forEach((where, what) -> problems.add(new RuleFileProblem(where.file(), where.line(), where.column(),
        where.rule(), CODE, "the compiled code of " + (where.rule().isEmpty() ? "this file" : "rule \"" + where.rule() + "\"")
            + " reaches " + String.join(", ", what) + ": rule code may only read facts through their getters, call the"
            + " decisions collector and use the value methods of the restricted subset (docs/restricted-drl.md)."
            + " Nothing of this rule base was loaded or run", RuleFileProblem.Severity.ERROR)));
    return problems;
  }

  /**
   * Not API: used by {@link org.loyaltyrules.loyalty.rules.RuleBase}.
   *
   * @param module a module Drools built, whose generated classes have not been loaded
   * @return the generated class files by internal name, or {@code null} if the module does not expose them
   */
  @API(status = INTERNAL, since = "0.1")
  public static Map<String, byte[]> classesOf(KieModule module) {
    InternalKieModule internal = module instanceof CanonicalKieModule canonical ? canonical.getInternalKieModule()
        : module instanceof InternalKieModule plain ? plain : null;
    if (!(internal instanceof MemoryKieModule memory)) {
      return null;
    }
    MemoryFileSystem files = memory.getMemoryFileSystem();
    Map<String, byte[]> classes = new LinkedHashMap<>();
    for (var path : files.getFilePaths()) {
      String name = path.asString();
      if (name.endsWith(".class")) {
        classes.put(name.substring(0, name.length() - ".class".length()), files.getBytes(name));
      }
    }
    return classes;
  }

  private static RuleFileProblem locate(GeneratedCodeVerifier.Finding finding, List<RuleSource> sources) {
    List<RuleSource> inPackage = new ArrayList<>();
    for (RuleSource source : sources) {
      if (packageOf(source.content()).equals(finding.packageName())) {
        inPackage.add(source);
      }
    }
    if (finding.rule() != null) {
      for (RuleSource source : orderUntrustedFirst(inPackage.isEmpty() ? sources : inPackage)) {
        for (RuleDeclarations.Declaration declaration : RuleDeclarations.of(source)) {
          if (declaration.name().equals(finding.rule())) {
            return at(source, declaration.offset(), finding.rule());
          }
        }
      }
    }
    List<RuleSource> candidates = orderUntrustedFirst(inPackage.isEmpty() ? sources : inPackage);
    return at(candidates.get(0), 0, finding.rule() == null ? "" : finding.rule());
  }

  /**
   * Not API: used by {@link org.loyaltyrules.loyalty.rules.RuleBase}.
   *
   * @param rule a compiled rule
   * @param sources the files it was compiled from
   * @return its name if it comes from a trusted file, else {@code "name (file)"}; a rule whose file
   *     cannot be told counts as untrusted
   */
  @API(status = INTERNAL, since = "0.1")
  public static String recordedName(org.kie.api.definition.rule.Rule rule, List<RuleSource> sources) {
    for (RuleSource source : sources) {
      if (packageOf(source.content()).equals(rule.getPackageName())
          && RuleDeclarations.of(source).stream().anyMatch(d -> d.name().equals(rule.getName()))) {
        return source.trusted() ? rule.getName() : rule.getName() + " (" + source.name() + ")";
      }
    }
    return rule.getName() + " (untrusted)";
  }

  private static List<RuleSource> orderUntrustedFirst(List<RuleSource> sources) {
    List<RuleSource> ordered = new ArrayList<>(sources.stream().filter(s -> !s.trusted()).toList());
    ordered.addAll(sources.stream().filter(RuleSource::trusted).toList());
    return ordered;
  }

  private static String readable(String reference) {
    String[] parts = reference.split(" ");
    String owner = parts.length > 1 ? parts[1].replace('/', '.') : reference;
    return switch (parts[0]) {
      case "method", "interface-method" -> "the method " + owner + "." + parts[2] + "(" + java.util.Arrays.stream(
          org.objectweb.asm.Type.getArgumentTypes(parts[3])).map(org.objectweb.asm.Type::getClassName)
          .collect(java.util.stream.Collectors.joining(", ")) + ")";
      case "field" -> "the field " + owner + "." + parts[2];
      case "put" -> "a write to the field " + owner + "." + parts[2];
      case "new" -> "new " + owner;
      case "super" -> "a class that extends or implements " + owner;
      case "bootstrap" -> "a dynamic call site bootstrapped by " + owner + "." + parts[2];
      case "constant-dynamic" -> "a dynamic constant of " + owner;
      case "loop" -> "a loop (in " + owner + ")";
      case "recursion" -> "a method that calls itself (in " + owner + ")";
      default -> "the type " + owner;
    };
  }

  private static String packageOf(String drl) {
    Matcher m = PACKAGE.matcher(drl);
    return m.find() ? m.group(1) : "";
  }

  /** @return where the problem is; its code and message are filled in once everything it reaches is known */
  private static RuleFileProblem at(RuleSource source, int offset, String rule) {
    int[] position = RuleDeclarations.position(source.content(), offset);
    return new RuleFileProblem(source.name(), position[0], position[1], rule, CODE, "", RuleFileProblem.Severity.ERROR);
  }
}
