package org.loyaltyrules.loyalty.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Not examples but the class: any edit of any golden document (cut, inserted JSON fragments,
 * replaced characters) is read into a valid value or refused with a {@link LoyaltyJsonException};
 * on a host's plain mapper it is refused with a Jackson {@code IOException}, never a runtime
 * exception that would turn a bad request into a server error.
 */
class LoyaltyJsonFuzzProperties {
  private static final Map<String, Object> SAMPLES = JsonSamples.all();
  private static final ObjectMapper PLAIN = new ObjectMapper().registerModule(new LoyaltyJsonModule());

  /** One edit at a relative position (per mille of the text's length). */
  record Edit(int permille, int cut, String insert) {
    String apply(String text) {
      int at = (int) ((long) text.length() * permille / 1000);
      int end = Math.min(text.length(), at + cut);
      return text.substring(0, at) + insert + text.substring(end);
    }
  }

  @Property(tries = 3000)
  void anyEditOfAGoldenDocumentReadsOrIsATypedRefusal(@ForAll("names") String name, @ForAll("edits") List<Edit> edits)
      throws IOException {
    // given
    String json = Files.readString(LoyaltyJsonGoldenTest.GOLDEN.resolve(name + ".json"), StandardCharsets.UTF_8);
    for (Edit edit : edits) {
      json = edit.apply(json);
    }
    Class<?> type = JsonSamples.readType(SAMPLES.get(name));

    // when
    Throwable facade = thrownBy(json, type, false);
    Throwable plain = thrownBy(json, type, true);

    // then
    assertThat(facade == null || facade instanceof LoyaltyJsonException).as(json + " threw " + facade).isTrue();
    assertThat(plain == null || plain instanceof IOException).as(json + " threw on a plain mapper " + plain).isTrue();
  }

  private static Throwable thrownBy(String json, Class<?> type, boolean plain) {
    try {
      Object value = plain ? PLAIN.readValue(json, type) : LoyaltyJson.read(json, type);
      assertThat(value).isInstanceOf(type);
      return null;
    } catch (Throwable t) {
      return t;
    }
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.of(SAMPLES.keySet());
  }

  @Provide
  Arbitrary<List<Edit>> edits() {
    Arbitrary<String> fragments = Arbitraries.oneOf(
        Arbitraries.of("", "\"", "{", "}", "[", "]", ",", ":", "null", "true", "0", "-0", "1.5", "1e999", "-1E-999",
            "99999999999999999999999", "\"\\u0000\"", "\"\\ud800\"", "\"format\":2,", "\"kind\":\"x\",", "\"a\":1,",
            "\"points\":1,", "[[[[[[[[[[[[[[[[[[", "{\"\":{}}", "\uFEFF", "\u0000", " "),
        Arbitraries.strings().ofMaxLength(6));
    Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 1000), Arbitraries.integers().between(0, 12),
        fragments).as(Edit::new);
    return edit.list().ofMinSize(1).ofMaxSize(4);
  }
}
