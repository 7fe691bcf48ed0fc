package org.loyaltyrules.loyalty.rules;

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

/**
 * Invariants of the rule-file checker: it never throws and never points outside the file; a rule
 * that is valid except for one hostile call is rejected at that call's line, wherever the call
 * hides; calls on the allow-list are never refused; comments and whitespace do not change the
 * verdict.
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

  // ---- one injected forbidden call --------------------------------------------------------------

  /** Where a hostile expression can hide in an otherwise valid rule; {@code %s} marks the spot. */
  enum Slot {
    CONSTRAINT("    $order : OrderFact( id == %s )", ""),
    HALF_RANGE("    $order : OrderFact( lineCount > 0 && < %s )", ""),
    OPERATOR_ARGUMENT("    $order : OrderFact( channel str[startsWith] %s )", ""),
    MEMBER_OF("    $order : OrderFact( channel memberOf %s )", ""),
    FROM("    $order : OrderFact()\n    $x : Object() from %s", ""),
    ACCUMULATE("    $order : OrderFact()\n    $n : Number() from accumulate( LineFact( $q : quantity ), sum( %s ) )", ""),
    BRANCH_CONDITION("    $order : OrderFact()\n    if ( %s != null ) do[extra]", "then[extra]\n    decisions.notice(\"extra\");\n"),
    EVAL("    $order : OrderFact()\n    eval( %s != null )", ""),
    SALIENCE("    $order : OrderFact()", "", "    salience ( %s )\n"),
    ENABLED("    $order : OrderFact()", "", "    enabled ( %s != null )\n"),
    CONSEQUENCE_ARGUMENT("    $order : OrderFact()", "", "", "    decisions.notice(String.valueOf(%s));"),
    CONSEQUENCE_STATEMENT("    $order : OrderFact()", "", "", "    %s;"),
    CONSEQUENCE_LOCAL("    $order : OrderFact()", "", "", "    Object leaked = %s;\n    decisions.notice(\"x\");"),
    CONSEQUENCE_BRANCH("    $order : OrderFact()", "", "", "    if (%s != null) {\n        decisions.notice(\"x\");\n    }");

    final String lhs;
    final String extraConsequence;
    final String attributes;
    final String consequence;

    Slot(String lhs, String extraConsequence) {
      this(lhs, extraConsequence, "", "    decisions.notice(\"fired\");");
    }

    Slot(String lhs, String extraConsequence, String attributes) {
      this(lhs, extraConsequence, attributes, "    decisions.notice(\"fired\");");
    }

    Slot(String lhs, String extraConsequence, String attributes, String consequence) {
      this.lhs = lhs;
      this.extraConsequence = extraConsequence;
      this.attributes = attributes;
      this.consequence = consequence;
    }

    /** @return the file and the line the hostile code is on */
    Tuple.Tuple2<String, Integer> render(String hostile, int paddingLines) {
      String padding = "\n".repeat(paddingLines);
      String head = """
          // injected: one hostile call in an otherwise valid rule.
          // Facts read: OrderFact, LineFact. Facts emitted: none.
          package org.loyaltyrules.loyalty.rules.injected;

          import org.loyaltyrules.loyalty.rules.facts.OrderFact;
          import org.loyaltyrules.loyalty.rules.facts.LineFact;

          global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;
          """ + padding + """

          // why: the property's host rule.
          rule "injected: host"
          """;
      String body = attributes.formatted(hostile) + "when\n" + lhs.formatted(hostile) + "\nthen\n"
          + (consequence.contains("%s") ? consequence.formatted(hostile) : consequence) + "\n"
          + extraConsequence + "end\n";
      String file = head + body;
      int marker = file.indexOf(hostile, head.length());
      int line = (int) file.substring(0, marker).chars().filter(c -> c == '\n').count() + 1;
      return Tuple.of(file, line);
    }
  }

  @Provide
  Arbitrary<String> hostileExpressions() {
    return Arbitraries.of(
        "System.getenv(\"SECRET\")",
        "System.exit(1)",
        "java.lang.System.exit(1)",
        "Runtime.getRuntime().exec(\"id\")",
        "new java.io.File(\"/tmp/x\").delete()",
        "new ProcessBuilder(\"id\").start()",
        "Class.forName(\"com.example.Evil\")",
        "Thread.currentThread().getName()",
        "java.nio.file.Files.readString(java.nio.file.Path.of(\"/etc/passwd\"))",
        "$order.getClass().getClassLoader()",
        "ClassLoader.getSystemClassLoader()",
        "System.out",
        "java.time.LocalDate.now()",
        "java.util.concurrent.Executors.newSingleThreadExecutor()",
        "new java.net.Socket(\"evil.example\", 443)",
        "String.class.getDeclaredMethods()",
        "$order.getId().getClass().getName()",
        "drools.getKieRuntime()",
        "kcontext.getRule().getName()",
        "decisions.outputs()",
        "Thread.activeCount()");
  }

  @Property(tries = 300)
  void aValidRuleWithOneInjectedForbiddenCallIsRejectedOnItsLine(
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
          assertThat(p.code()).startsWith("forbidden-").isNotIn("forbidden-attribute", "forbidden-eval");
          assertThat(p.line()).isEqualTo(line);
          assertThat(p.rule()).isEqualTo("injected: host");
        });
  }

  @Property(tries = 100)
  void theHostRuleWithoutInjectionIsValid(@ForAll Slot slot) {
    // the same host with a harmless value in the slot: only the slot's own construct may be refused
    String harmless = "$order.getId()";
    Tuple.Tuple2<String, Integer> host = slot.render(harmless, 0);
    List<RuleFileProblem> problems = DrlChecker.check("host.drl", host.get1(), DrlPolicy.restricted());
    Set<String> allowedCodes = switch (slot) {
      case SALIENCE, ENABLED -> Set.of("forbidden-attribute");
      case EVAL -> Set.of("forbidden-eval");
      case CONSEQUENCE_STATEMENT -> Set.of("forbidden-call");
      default -> Set.of();
    };
    assertThat(problems).as("%s%n%s", host.get1(), problems).allMatch(p -> allowedCodes.contains(p.code()));
  }

  // ---- no false positives -----------------------------------------------------------------------

  @Provide
  Arbitrary<String> allowedAmounts() {
    Arbitrary<String> atoms = Arbitraries.of(
        "$order.getEarningBase()", "BigDecimal.ONE", "BigDecimal.valueOf(3)", "new BigDecimal(\"1.5\")",
        "$line.getEarningBase()", "BigDecimal.valueOf($line.getQuantity())", "BigDecimal.TEN");
    return Arbitraries.recursive(() -> atoms, inner -> Combinators.combine(inner, atoms,
            Arbitraries.of(".add(%s)", ".subtract(%s)", ".multiply(%s)", ".max(%s)", ".min(%s)",
                ".divide(%s, 2, RoundingMode.HALF_UP)"))
        .as((left, right, op) -> left + op.formatted(right)), 0, 4);
  }

  @Property(tries = 200)
  void callsOnTheAllowListAreNeverRefused(@ForAll("allowedAmounts") String amount,
      @ForAll("allowedAmounts") String threshold) {
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
            BigDecimal amount = %s;
            int points = amount.setScale(0, RoundingMode.DOWN).intValue();
            if (points > 0) {
                decisions.bonus("computed-" + $order.getId(), Math.min(points, 1000), "computed");
            }
        end
        """.formatted(threshold.replace("$line.", "$order."), amount);

    // when
    List<RuleFileProblem> problems = DrlChecker.check("allowed.drl", file, DrlPolicy.restricted());

    // then
    assertThat(problems).as(file).isEmpty();
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
    try (Stream<Path> files = Files.list(DrlCheckerTest.resourceDirectory(dir))) {
      return files.map(p -> dir + "/" + p.getFileName()).filter(n -> n.endsWith(".drl")).sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
