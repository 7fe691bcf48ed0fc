package org.loyaltyrules.loyalty.rules.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.loyaltyrules.loyalty.rules.RuleBase;
import org.loyaltyrules.loyalty.rules.RuleFileProblem;
import org.loyaltyrules.loyalty.rules.RuleSource;

/**
 * The compiled-code check on its own: Java that reaches outside the allow-list, injected into a
 * <em>trusted</em> rule file (which skips the grammar, so nothing else stands in the way) at any
 * place a rule holds code — a consequence, a constraint, a salience expression — is refused at
 * that rule, and none of it runs. Each try compiles a rule base (~0.5 s), hence few tries.
 */
class GeneratedCodeVerifierProperties {

  /** Statements for a consequence: side effects, reflection, threads, I/O, CPU and memory bombs, loops, recursion. */
  private static final List<String> STATEMENTS = List.of(
      "System.exit(3);",
      "Runtime.getRuntime().halt(3);",
      "System.setProperty(\"owned\", \"yes\");",
      "System.getenv(\"HOME\");",
      "new Thread(() -> {}).start();",
      "java.util.concurrent.Executors.newSingleThreadExecutor();",
      "new java.io.File(\"owned\").delete();",
      "java.nio.file.Path.of(\"owned\").toFile().mkdirs();",
      "new java.net.InetSocketAddress(\"127.0.0.1\", 9);",
      "$line.getClass().getClassLoader();",
      "java.lang.invoke.MethodHandles.lookup();",
      "\"a\".matches(\"(a+)+b\");",
      "\"x\".repeat(1 << 28);",
      "new java.math.BigDecimal(\"1\").setScale(999999999);",
      "new java.math.BigDecimal(\"1e999999\").toPlainString();",
      "new java.math.MathContext(100000000);",
      "java.time.Instant.now();",
      "new java.util.Random().nextInt();",
      "while ($line.getQuantity() > 0) { }",
      "for (int i = 0; i < $line.getQuantity(); i++) { decisions.notice(\"again\"); }",
      "new Object() { int f(int n) { return n <= 0 ? 0 : f(n - 1); } }.f($line.getQuantity());",
      "Thread.currentThread().setName(\"owned\");");

  /** Boolean expressions for a constraint. */
  private static final List<String> CONDITIONS = List.of(
      "sku.matches(\"(a+)+b\")",
      "System.getProperty(\"user.home\") != null",
      "Thread.currentThread() != null",
      "new java.io.File(sku).exists()",
      "java.time.LocalDate.now().getYear() > 2000",
      "sku.getClass().getName() != null",
      "earningBase.setScale(9999999).signum() > 0",
      "String.format(\"%s\", sku) != null");

  /** Integer expressions for a salience. */
  private static final List<String> SALIENCES = List.of(
      "Integer.getInteger(\"owned\", 1)",
      "Runtime.getRuntime().availableProcessors()",
      "(int) System.nanoTime()");

  @Provide
  Arbitrary<String> injectedRules() {
    Arbitrary<String> inConsequence = Arbitraries.of(STATEMENTS).map(statement -> rule("", "", statement));
    Arbitrary<String> inCondition = Arbitraries.of(CONDITIONS).map(condition -> rule("", ", " + condition, ""));
    Arbitrary<String> inSalience = Arbitraries.of(SALIENCES).map(salience -> rule("    salience (" + salience + ")\n", "", ""));
    Arbitrary<Boolean> harmlessFirst = Arbitraries.of(true, false);
    return Combinators.combine(Arbitraries.oneOf(inConsequence, inCondition, inSalience), harmlessFirst)
        .as((rule, first) -> FILE_HEAD + (first ? HARMLESS + rule : rule + HARMLESS));
  }

  @Property(generation = net.jqwik.api.GenerationMode.EXHAUSTIVE)
  void forbiddenJavaAnywhereInATrustedFile_isRefusedAtItsRuleAndNeverRuns(@ForAll("injectedRules") String drl) {
    // given
    RuleSource file = new RuleSource("injected.drl", drl, true);
    int ruleLine = lineOf(drl, "rule \"injected: the rule with forbidden code\"");

    // when
    List<RuleFileProblem> problems = RuleBase.check(List.of(file));

    // then: refused by the compiled-code check (not by a compile error), at the injected rule only
    assertThat(problems).as(drl).filteredOn(p -> p.code().equals(GeneratedCode.CODE)).singleElement()
        .satisfies(p -> {
          assertThat(p.file()).isEqualTo("injected.drl");
          assertThat(p.rule()).isEqualTo("injected: the rule with forbidden code");
          assertThat(p.line()).isEqualTo(ruleLine);
        });
    assertThat(System.getProperty("owned")).isNull();
    assertThat(Thread.currentThread().getName()).isNotEqualTo("owned");
  }

  private static final String FILE_HEAD = """
      // injected: forbidden Java in a file that skips the grammar.
      package org.loyaltyrules.loyalty.rules.injected;

      import org.loyaltyrules.loyalty.rules.facts.LineFact;

      global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;
      """;

  private static final String HARMLESS = """

      rule "injected: a harmless neighbour"
      when
          $line : LineFact( sku == "A" )
      then
          decisions.notice("fine");
      end
      """;

  private static String rule(String attributes, String condition, String statement) {
    return """

        rule "injected: the rule with forbidden code"
        %swhen
            $line : LineFact( sku != "Z"%s )
        then
            %s
            decisions.notice("seen " + $line.getSku());
        end
        """.formatted(attributes, condition, statement);
  }

  private static int lineOf(String text, String piece) {
    int offset = text.indexOf(piece);
    return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
  }
}
