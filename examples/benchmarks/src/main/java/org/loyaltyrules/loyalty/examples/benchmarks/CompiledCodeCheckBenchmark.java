package org.loyaltyrules.loyalty.examples.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.loyaltyrules.loyalty.rules.RuleBase;
import org.loyaltyrules.loyalty.rules.RuleSource;
import org.loyaltyrules.loyalty.rules.check.GeneratedCodeVerifier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the compiled-code check adds to loading rules: reading and checking every class Drools
 * generated, for the bundled rules and for one merchant file of 1,000 rules. Compiling is done once
 * in set-up and not timed; {@link BuildBenchmark} has the whole build for comparison.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class CompiledCodeCheckBenchmark {
  /** {@code defaults}: the bundled files; {@code 1000}: the bundled files plus a 1,000-rule merchant file. */
  @Param({"defaults", "1000"})
  public String rules;

  private Map<String, byte[]> classes;

  /** Compiles the rule files to class files (not timed). */
  @Setup(Level.Trial)
  public void setUp() {
    List<RuleSource> sources = new java.util.ArrayList<>(RuleBase.defaultSources());
    if (rules.equals("1000")) {
      sources.add(RuleSource.of("many.drl", manyRules(1_000)));
    }
    classes = RuleBase.generatedClasses(sources);
  }

  /** @return what the check found (nothing, for these files) */
  @Benchmark
  public List<GeneratedCodeVerifier.Finding> verify() {
    return GeneratedCodeVerifier.standard().verify(classes);
  }

  /** @return the number of generated classes checked, for the record */
  public int classCount() {
    return classes.size();
  }

  /**
   * @param count how many rules
   * @return one merchant file of {@code count} rules in the shapes merchants write: SKU exclusions,
   *     category rates and spend-threshold bonuses
   */
  static String manyRules(int count) {
    StringBuilder drl = new StringBuilder("""
        // many: a large merchant file, one rule per SKU, category or threshold.
        package org.loyaltyrules.loyalty.rules.merchant;

        import org.loyaltyrules.loyalty.rules.facts.LineFact;
        import org.loyaltyrules.loyalty.rules.facts.MemberFact;
        import org.loyaltyrules.loyalty.rules.facts.OrderFact;

        global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;
        """);
    for (int i = 0; i < count; i++) {
      switch (i % 3) {
        case 0 -> drl.append("""

            rule "many: SKU-%1$d earns nothing"
            when
                $line : LineFact( sku == "SKU-%1$d" )
            then
                decisions.exclude($line, "SKU-%1$d is not part of the programme");
            end
            """.formatted(i));
        case 1 -> drl.append("""

            rule "many: category c%1$d earns triple for gold"
            when
                MemberFact( tier == "gold" )
                $line : LineFact( category == "c%1$d", earningBase >= %1$d )
            then
                decisions.baseRate($line, 3, 100);
            end
            """.formatted(i));
        default -> drl.append("""

            rule "many: orders of %1$d or more earn a bonus"
            when
                OrderFact( earningBase >= %1$d, channel == "pos" )
            then
                decisions.bonus("threshold-%1$d", 5, "orders of NT$%1$d or more");
            end
            """.formatted(i));
      }
    }
    return drl.toString();
  }
}
