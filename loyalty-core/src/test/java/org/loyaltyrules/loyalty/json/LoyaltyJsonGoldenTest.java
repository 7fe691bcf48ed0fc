package org.loyaltyrules.loyalty.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Pins the canonical form: each sample of {@link JsonSamples} is written to exactly the text of its
 * golden file ({@code src/test/resources/json/<name>.json}, one line, no trailing newline), and
 * each golden file reads back to the sample. A change to the form fails here; a deliberate one
 * needs a new {@link LoyaltyJson#FORMAT} (see docs/host-integration-json.md).
 *
 * <p>To write the files of new samples: {@code -Djson.golden.write=true} (existing files are never
 * overwritten).
 */
class LoyaltyJsonGoldenTest {
  static final Path GOLDEN = Path.of("src/test/resources/json");

  @TestFactory
  Stream<DynamicTest> write_eachSample_givesItsGoldenText() {
    return JsonSamples.all().entrySet().stream().map(sample -> DynamicTest.dynamicTest(sample.getKey(), () -> {
      // given
      String golden = golden(sample.getKey(), sample.getValue());

      // when
      String written = LoyaltyJson.write(sample.getValue());

      // then
      assertThat(written).isEqualTo(golden);
    }));
  }

  @TestFactory
  Stream<DynamicTest> read_eachGoldenFile_givesItsSample() {
    return JsonSamples.all().entrySet().stream().map(sample -> DynamicTest.dynamicTest(sample.getKey(), () -> {
      // given
      String golden = golden(sample.getKey(), sample.getValue());

      // when
      Object read = LoyaltyJson.read(golden, JsonSamples.readType(sample.getValue()));

      // then
      assertThat(read).isEqualTo(sample.getValue());
    }));
  }

  @TestFactory
  Stream<DynamicTest> plainObjectMapper_withTheModule_writesAndReadsTheSameText() {
    ObjectMapper plain = new ObjectMapper().registerModule(new LoyaltyJsonModule());
    return JsonSamples.all().entrySet().stream().map(sample -> DynamicTest.dynamicTest(sample.getKey(), () -> {
      // given
      String golden = golden(sample.getKey(), sample.getValue());

      // when
      String written = plain.writeValueAsString(sample.getValue());
      Object read = plain.readValue(golden, JsonSamples.readType(sample.getValue()));

      // then
      assertThat(written).isEqualTo(golden);
      assertThat(read).isEqualTo(sample.getValue());
    }));
  }

  @Test
  void goldenDirectory_holdsExactlyTheSamples() throws IOException {
    // given
    Set<String> expected = JsonSamples.all().keySet().stream().map(name -> name + ".json")
        .collect(Collectors.toCollection(TreeSet::new));

    // when
    Set<String> files;
    try (Stream<Path> list = Files.list(GOLDEN)) {
      files = list.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }

    // then: a golden file without a sample would pin nothing
    assertThat(files).isEqualTo(expected);
    assertThat(expected).hasSizeGreaterThanOrEqualTo(29);
  }

  @Test
  void decision_golden_startsWithTheFormatAndNestsEntriesWithoutIt() throws IOException {
    // given
    String golden = Files.readString(GOLDEN.resolve("decision.json"), StandardCharsets.UTF_8);

    // when
    long formats = golden.split("\"format\"", -1).length - 1L;

    // then
    assertThat(golden).startsWith("{\"format\":1,\"eventId\":\"o-1\",").contains("\"entries\":[{\"kind\":\"earned\",");
    assertThat(formats).isEqualTo(1);
  }

  private static String golden(String name, Object sample) throws IOException {
    Path file = GOLDEN.resolve(name + ".json");
    if (!Files.exists(file) && Boolean.getBoolean("json.golden.write")) {
      Files.writeString(file, LoyaltyJson.write(sample), StandardCharsets.UTF_8);
    }
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  static Map<String, Object> samples() {
    return JsonSamples.all();
  }
}
