package org.loyaltyrules.loyalty.rules.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import org.loyaltyrules.loyalty.rules.GrammarRules;
import org.loyaltyrules.loyalty.rules.RuleBase;
import org.loyaltyrules.loyalty.rules.RuleFileProblem;
import org.loyaltyrules.loyalty.rules.RuleSource;

/**
 * Invariants of the rule-file checker: it never throws and never points outside the file; a rule
 * that is valid except for one hostile call, field, constructor or property is rejected on that
 * line, wherever it hides (condition, property path, binding, accumulate, annotation, attribute,
 * string, consequence); calls on the allow-list and random rules built from the grammar are never
 * refused, and a sample of the latter compiles with Drools; comments and whitespace do not change
 * the verdict.
 */
class DrlCheckerProperties {

  // ---- robustness -------------------------------------------------------------------------------

  @Property(tries = 300)
  void checkingNeverThrowsAndEveryPositionIsInsideTheFile(@ForAll("texts") String text) {
    for (DrlPolicy policy : List.of(DrlPolicy.restricted(), DrlPolicy.trusted())) {
      List<RuleFileProblem> problems = DrlChecker.check("fuzz.drl", text, policy);
      List<String> lines = List.of(text.split("\n", -1));
      for (RuleFileProblem problem : problems) {
        assertThat(problem.line()).as("%s", problem).isBetween(1, lines.size());
        String line = lines.get(problem.line() - 1);
        int length = line.endsWith("\r") ? line.length() - 1 : line.length();
        assertThat(problem.column()).as("%s", problem).isBetween(1, length + 1);
        assertThat(problem.file()).isEqualTo("fuzz.drl");
      }
    }
  }

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> anything = Arbitraries.strings().ofMaxLength(300);
    Arbitrary<String> tokens = Arbitraries.of("package", "a.b", ";", "import", "java.io.File", "rule", "\"r: x\"",
            "when", "then", "end", "(", ")", "{", "}", "[", "]", ",", ":", "$o", "OrderFact", "==", ">", "&&",
            "||", "from", "accumulate", "sum", "eval", "not", "exists", "salience", "10", "\"s\"", "'c'", "//",
            "/*", "*/", "\n", " ", "decisions", ".", "bonus", "System", "exit", "new", "\\u0041", "@id", "#",
            "modify", "\"\"\"", "query", "function", "declare", "global", "dialect", "\"mvel\"")
        .list().ofMaxSize(60).map(list -> String.join(" ", list));
    Arbitrary<String> mutatedCorpus = Combinators.combine(
            Arbitraries.of(corpusTexts()), Arbitraries.integers().between(0, 10_000),
            Arbitraries.integers().between(0, 40), Arbitraries.strings().ofMaxLength(3))
        .as((source, at, cut, insert) -> {
          int position = at % (source.length() + 1);
          int end = Math.min(source.length(), position + cut);
          return source.substring(0, position) + insert + source.substring(end);
        });
    Arbitrary<String> truncatedCorpus = Combinators.combine(
            Arbitraries.of(corpusTexts()), Arbitraries.integers().between(0, 10_000))
        .as((source, at) -> source.substring(0, at % (source.length() + 1)));
    return Arbitraries.oneOf(anything, tokens, mutatedCorpus, truncatedCorpus);
  }

  // ---- one injected forbidden call, field, constructor or property ----------------------------

  /**
   * Where a hostile expression can hide in an otherwise valid rule; {@code %s} marks the spot, and
   * {@code harmless} is a value that makes the host rule valid (or refused only for the slot's own
   * construct, see {@link #refusedConstruct}).
   */
  enum Slot {
    CONSTRAINT("    $order : OrderFact( id == %s )", "", "", "\"o-1\""),
    PROPERTY_PATH("    $order : OrderFact( %s != null )", "", "", "localDate"),
    BINDING("    $order : OrderFact( $x : %s )", "", "", "localDate"),
    HALF_RANGE("    $order : OrderFact( lineCount > 0 && < %s )", "", "", "10"),
    OPERATOR_ARGUMENT("    $order : OrderFact( channel str[startsWith] %s )", "", "", "\"po\""),
    IN_LIST("    $order : OrderFact( channel in (\"pos\", %s) )", "", "", "\"app\""),
    MEMBER_OF("    MemberFact( $tags : tags )\n    $order : OrderFact( channel memberOf %s )", "", "", "$tags"),
    NOT_PATTERN("    $order : OrderFact()\n    not LineFact( sku == %s )", "", "", "\"x\""),
    ACCUMULATE_INPUT("    $order : OrderFact()\n    accumulate( LineFact( quantity > %s ) ; $n : count() )", "", "", "1"),
    ACCUMULATE_FUNCTION("    $order : OrderFact()\n    accumulate( LineFact( $q : quantity ) ; $n : sum( %s ) )", "", "", "$q"),
    ACCUMULATE_RESULT("    $order : OrderFact()\n    accumulate( LineFact() ; $n : count() ; $n > %s )", "", "", "2"),
    ANNOTATION("    $order : OrderFact()", "    @id(%s)\n", "", "\"rule-1\""),
    ATTRIBUTE("    $order : OrderFact()", "    salience %s\n", "", "10"),
    EVAL("    $order : OrderFact()\n    eval( %s != null )", "", "", "\"x\""),
    FROM("    $order : OrderFact()\n    $x : OrderFact() from %s", "", "", "\"x\""),
    STRING("    $order : OrderFact()", "", "    decisions.notice(\"note %s\");", "ok"),
    CONSEQUENCE_ARGUMENT("    $order : OrderFact()", "", "    decisions.notice(\"x\" + %s);", "$order.getId()"),
    CONSEQUENCE_STATEMENT("    $order : OrderFact()", "", "    %s;", "decisions.notice(\"x\")"),
    CONSEQUENCE_LOCAL("    $order : OrderFact()", "", "    var leaked = %s;\n    decisions.notice(\"x\");", "$order.getId()"),
    CONSEQUENCE_CHOICE("    $order : OrderFact()", "", "    decisions.bonus(\"b\", %s != null ? 1 : 2, \"r\");", "$order.getId()"),
    CONSEQUENCE_CHAIN("    $order : OrderFact()", "", "    decisions.notice(\"\" + $order.getLocalDate().plusDays(%s));", "1");

    final String lhs;
    final String attributes;
    final String consequence;
    final String harmless;

    Slot(String lhs, String attributes, String consequence, String harmless) {
      this.lhs = lhs;
      this.attributes = attributes;
      this.consequence = consequence.isEmpty() ? "    decisions.notice(\"fired\");" : consequence;
      this.harmless = harmless;
    }

    /** A string slot receives the expression spliced out of the literal: {@code " + hostile + "}. */
    String splice(String hostile) {
      return this == STRING && !hostile.equals(harmless) ? "\" + " + hostile + " + \"" : hostile;
    }

    /** @return the file and the line the hostile code is on */
    Tuple.Tuple2<String, Integer> render(String expression, int paddingLines) {
      String spliced = splice(expression);
      String padding = "\n".repeat(paddingLines);
      String head = """
          // injected: one hostile expression in an otherwise valid rule.
          // Facts read: OrderFact, LineFact, MemberFact. Facts emitted: none.
          package org.loyaltyrules.loyalty.rules.injected;

          import org.loyaltyrules.loyalty.rules.facts.OrderFact;
          import org.loyaltyrules.loyalty.rules.facts.LineFact;
          import org.loyaltyrules.loyalty.rules.facts.MemberFact;

          global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;
          """ + padding + """

          // why: the property's host rule.
          rule "injected: host"
          """;
      String body = attributes.replace("%s", spliced) + "when\n" + lhs.replace("%s", spliced) + "\nthen\n"
          + consequence.replace("%s", spliced) + "\nend\n";
      String file = head + body;
      int marker = file.indexOf(spliced, head.length());
      int line = (int) file.substring(0, marker).chars().filter(c -> c == '\n').count() + 1;
      return Tuple.of(file, line);
    }
  }

  /** The slots whose construct the grammar refuses whatever is in it, and the code it uses. */
  static final java.util.Map<Slot, String> refusedConstruct = java.util.Map.of(
      Slot.ATTRIBUTE, "forbidden-attribute", Slot.EVAL, "forbidden-eval", Slot.FROM, "forbidden-from");

  @Provide
  Arbitrary<String> hostileExpressions() {
    return Arbitraries.of(
        // the JDK
        "System.getenv(\"SECRET\")",
        "System.exit(1)",
        "java.lang.System.exit(1)",
        "Runtime.getRuntime().exec(\"id\")",
        "Runtime.getRuntime().halt(0)",
        "new java.io.File(\"/tmp/x\").delete()",
        "new ProcessBuilder(\"id\").start()",
        "Class.forName(\"com.example.Evil\")",
        "Thread.currentThread().getName()",
        "java.nio.file.Files.readString(java.nio.file.Path.of(\"/etc/passwd\"))",
        "ClassLoader.getSystemClassLoader()",
        "System.out",
        "java.time.LocalDate.now()",
        "LocalDate.now()",
        "Math.random()",
        "Integer.parseInt(\"12\")",
        "java.util.concurrent.Executors.newSingleThreadExecutor()",
        "new java.net.Socket(\"evil.example\", 443)",
        "Thread.activeCount()",
        // reflection through values and property paths
        "$order.getClass().getClassLoader()",
        "$order.class.classLoader",
        "$order.localDate.class",
        "$order.getLocalDate().getClass()",
        "$order.dayOfWeek.declaringClass",
        "$order.getDayOfWeek().getDeclaringClass()",
        "$order.getId().getClass().getName()",
        "String.class.getDeclaredMethods()",
        "this.getClass()",
        "super.toString()",
        "$order.hashCode()",
        "$order.toString()",
        // CPU and memory with value methods
        "$order.getEarningBase().setScale(99999999)",
        "$order.getEarningBase().movePointLeft(999999)",
        "$order.getEarningBase().toPlainString()",
        "$order.getEarningBase().toString()",
        "$order.getEarningBase().pow(99999)",
        "$order.getId().matches(\"(a+)+$\")",
        "$order.getId().repeat(1000000)",
        "$order.getId().replaceAll(\"a\", \"b\")",
        "$order.getId().split(\",\")",
        "new java.math.MathContext(100000000)",
        "new java.math.BigDecimal(\"1e999999999\")",
        "java.util.List.of(1, 2, 3)",
        // forged facts, casts, the session and the collector
        "new org.loyaltyrules.loyalty.rules.facts.LineFact(\"o\", \"l\", \"s\", \"c\", 1, null)",
        "new LineFact(\"o\", \"l\", \"s\", \"c\", 1, null)",
        "((Object) $order).getClass()",
        "$order#Object",
        "drools.getKieRuntime()",
        "kcontext.getRule().getName()",
        "decisions.outputs()",
        "decisions.enterRule(\"earning: base rate for member tier\")");
  }

  @Property(tries = 400)
  void aValidRuleWithOneInjectedForbiddenExpressionIsRejectedOnItsLine(
      @ForAll Slot slot, @ForAll("hostileExpressions") String hostile, @ForAll @net.jqwik.api.constraints.IntRange(max = 3) int padding) {
    // given
    Tuple.Tuple2<String, Integer> injected = slot.render(hostile, padding);
    String file = injected.get1();
    int line = injected.get2();

    // when
    List<RuleFileProblem> problems = DrlChecker.check("injected.drl", file, DrlPolicy.restricted());

    // then
    assertThat(problems)
        .as("%s%n%s", file, problems)
        .anySatisfy(p -> {
          assertThat(p.isError()).isTrue();
          assertThat(p.line()).isEqualTo(line);
          if (!p.code().equals("syntax")) {
            assertThat(p.code()).startsWith("forbidden-");
            assertThat(p.rule()).isEqualTo("injected: host");
          }
        });
  }

  @Property(tries = 100)
  void theHostRuleWithoutInjectionIsValid(@ForAll Slot slot) {
    // the same host with a harmless value in the slot: only the slot's own construct may be refused
    Tuple.Tuple2<String, Integer> host = slot.render(slot.harmless, 0);
    List<RuleFileProblem> problems = DrlChecker.check("host.drl", host.get1(), DrlPolicy.restricted());
    Set<String> allowedCodes = refusedConstruct.containsKey(slot) ? Set.of(refusedConstruct.get(slot)) : Set.of();
    assertThat(problems).as("%s%n%s", host.get1(), problems).allMatch(p -> allowedCodes.contains(p.code()));
  }

  // ---- no false positives -----------------------------------------------------------------------

  @Provide
  Arbitrary<String> allowedAmounts() {
    return amounts(Arbitraries.of("$order.getEarningBase()", "BigDecimal.ONE", "BigDecimal.valueOf(3)",
        "$line.getEarningBase()", "BigDecimal.valueOf($line.getQuantity())", "BigDecimal.TEN"));
  }

  @Provide
  Arbitrary<String> allowedThresholds() {
    return amounts(Arbitraries.of("$order.getEarningBase()", "BigDecimal.ONE", "BigDecimal.valueOf(3)",
        "BigDecimal.valueOf($order.getLineCount())", "BigDecimal.TEN", "BigDecimal.ZERO"));
  }

  /** Arithmetic of at most four operations, so two of them stay within the rule's bound of eight. */
  private static Arbitrary<String> amounts(Arbitrary<String> atoms) {
    return Arbitraries.recursive(() -> atoms, inner -> Combinators.combine(inner, atoms,
            Arbitraries.of(".add(%s)", ".subtract(%s)", ".multiply(%s)", ".max(%s)", ".min(%s)", ".negate().add(%s)",
                ".divide(BigDecimal.valueOf(7), 2, RoundingMode.HALF_UP).add(%s)"))
        .as((left, right, op) -> left + op.formatted(right)), 0, 4);
  }

  @Property(tries = 200)
  void callsOnTheAllowListAreNeverRefused(@ForAll("allowedAmounts") String amount,
      @ForAll("allowedThresholds") String threshold) {
    // given
    String file = """
        // allowed: arithmetic on the allow-list.
        // Facts read: OrderFact, LineFact. Facts emitted: none.
        package org.loyaltyrules.loyalty.rules.allowed;

        import java.math.BigDecimal;
        import java.math.RoundingMode;
        import org.loyaltyrules.loyalty.rules.facts.OrderFact;
        import org.loyaltyrules.loyalty.rules.facts.LineFact;

        global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;

        // why: the property's rule.
        rule "allowed: computed bonus"
        when
            $order : OrderFact()
            $line : LineFact( earningBase.compareTo(%s) >= 0 )
        then
            final BigDecimal amount = %s;
            int points = amount.max(BigDecimal.ZERO).intValue();
            decisions.bonus("computed-" + $order.getId(), Math.min(points, 1000), "computed");
        end
        """.formatted(threshold, amount);

    // when
    List<RuleFileProblem> problems = DrlChecker.check("allowed.drl", file, DrlPolicy.restricted());

    // then
    assertThat(problems).as(file).isEmpty();
  }

  @Property(tries = 300)
  void randomRulesOfTheGrammarAreNeverRefused(@ForAll("grammarRules") String rules) {
    // when
    List<RuleFileProblem> problems = DrlChecker.check("grammar.drl", rules, DrlPolicy.restricted());

    // then
    assertThat(problems).as(rules).isEmpty();
  }

  @Property(tries = 8)
  void randomRulesOfTheGrammarCompileWithDrools(@ForAll("grammarRules") String rules) {
    // when: checked as a merchant file, then compiled by Drools
    List<RuleFileProblem> problems = RuleBase.check(List.of(RuleSource.of("grammar.drl", rules)));

    // then
    assertThat(problems).as(rules).isEmpty();
  }

  @Provide
  Arbitrary<String> grammarRules() {
    return GrammarRules.files();
  }

  // ---- comments and whitespace ------------------------------------------------------------------

  @Property(tries = 200)
  void commentsAndWhitespaceDoNotChangeTheVerdict(@ForAll("corpusFiles") String file,
      @ForAll @Size(max = 40) List<@net.jqwik.api.constraints.IntRange(max = 4) Integer> noise) {
    // given
    String original = DrlCheckerTest.read(file);
    String noisy = addNoise(original, noise);

    // when
    Set<String> before = verdict(DrlChecker.check("f.drl", original, DrlPolicy.restricted()));
    Set<String> after = verdict(DrlChecker.check("f.drl", noisy, DrlPolicy.restricted()));

    // then
    assertThat(after).as("%s", noisy).isEqualTo(before);
  }

  /**
   * Adds, line by line, nothing, indentation, trailing blanks, a blank line or a comment line.
   * Lines inside a block comment or string that spans lines get no comment lines, since there the
   * text would stop being a comment.
   */
  private static String addNoise(String text, List<Integer> noise) {
    String[] lines = text.split("\n", -1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      int kind = noise.isEmpty() ? 0 : noise.get(i % noise.size());
      String line = lines[i];
      switch (kind) {
        case 1 -> out.append("\t").append(line);
        case 2 -> out.append(line).append("   ");
        case 3 -> out.append("\n").append(line);
        case 4 -> out.append(insideOpenLiteral(lines, i) ? "" : "    // noise: a comment line\n").append(line);
        default -> out.append(line);
      }
      if (i < lines.length - 1) {
        out.append('\n');
      }
    }
    return out.toString();
  }

  private static boolean insideOpenLiteral(String[] lines, int index) {
    String before = String.join("\n", List.of(lines).subList(0, index));
    return DrlText.findUnterminated(before) != null;
  }

  /** The verdict: which errors, in which rules; positions move with the noise. */
  private static Set<String> verdict(List<RuleFileProblem> problems) {
    return problems.stream().filter(RuleFileProblem::isError).map(p -> p.code() + " @ " + p.rule())
        .collect(Collectors.toSet());
  }

  @Provide
  Arbitrary<String> corpusFiles() {
    return Arbitraries.of(corpusResources());
  }

  // ---- corpus -----------------------------------------------------------------------------------

  private static List<String> corpusResources() {
    return Stream.of("invalid", "valid", "defaults")
        .flatMap(dir -> list(DrlCheckerTest.BASE + dir).stream())
        .toList();
  }

  private static List<String> corpusTexts() {
    return corpusResources().stream().map(DrlCheckerTest::read).toList();
  }

  private static List<String> list(String dir) {
    Path root = DrlCheckerTest.resourceDirectory(dir);
    try (Stream<Path> files = Files.walk(root)) {
      return files.map(p -> dir + "/" + root.relativize(p).toString().replace('\\', '/')).filter(n -> n.endsWith(".drl"))
          .sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
