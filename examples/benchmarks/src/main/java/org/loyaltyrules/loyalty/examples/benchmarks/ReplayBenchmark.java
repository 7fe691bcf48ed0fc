package org.loyaltyrules.loyalty.examples.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.examples.merchantcli.CliProgrammes;
import org.loyaltyrules.loyalty.examples.merchantcli.input.InputFormat;
import org.loyaltyrules.loyalty.examples.merchantcli.replay.Replay;
import org.loyaltyrules.loyalty.examples.merchantcli.replay.ReplayResult;
import org.loyaltyrules.loyalty.rules.LoyaltyRulesEngine;
import org.loyaltyrules.loyalty.rules.files.RuleFiles;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Item 7: the real Online Retail data set (541,909 lines) through the merchant CLI's replay path,
 * end to end: gunzip, CSV parse, invoice assembly, return matching, one engine decision per
 * member invoice and per return, ledger appends. Built as {@code merchant-cli replay --rules
 * default --orders online-retail.csv.gz} builds it (bundled rules, GBP, Europe/London); only the
 * summary printing is left out. Lines per second = 541,909 / the time per replay.
 *
 * <p>The file is {@code -Donline.retail.csv=PATH}, else {@code ../shared/data/online-retail.csv.gz}
 * beside the repository (looked for from the working directory upwards).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class ReplayBenchmark {
  /** The data set's line count, without the header. */
  public static final long LINES = 541_909;

  private Path file;
  private Replay replay;

  /** Finds the data set and builds the engine as the CLI does (not timed). */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    file = dataSet();
    Currency gbp = Currency.getInstance("GBP");
    Programme programme = CliProgrammes.of(gbp, java.time.ZoneId.of("Europe/London"), null, List.of());
    LoyaltyRulesEngine engine = RuleFiles.bundled().load(programme).engine();
    replay = Replay.builder().lane("default rules", engine).onError(Replay.OnError.SKIP).build();
  }

  /**
   * @return the replay's result
   * @throws IOException if the file cannot be read
   */
  @Benchmark
  public ReplayResult replayOnlineRetail() throws IOException {
    return replay.run(file, InputFormat.ONLINE_RETAIL);
  }

  /**
   * @return the Online Retail file
   * @throws IllegalStateException if it cannot be found
   */
  public static Path dataSet() {
    String configured = System.getProperty("online.retail.csv");
    if (configured != null) {
      Path p = Path.of(configured);
      if (Files.isRegularFile(p)) {
        return p;
      }
      throw new IllegalStateException("online.retail.csv=" + configured + " is not a file");
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolveSibling("shared").resolve("data").resolve("online-retail.csv.gz");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new UncheckedIOException(new IOException("Online Retail data set not found: put it at "
        + "../shared/data/online-retail.csv.gz beside the repository or pass -Donline.retail.csv=PATH"));
  }
}
