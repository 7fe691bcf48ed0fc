package org.loyaltyrules.loyalty.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.InvalidValueException;

/**
 * Text with an unpaired surrogate is not Unicode: UTF-8 (a database column, an HTTP body) cannot
 * encode it and stores {@code ?} instead, so a key {@code order:o-1\ud800:base} came back from
 * storage as {@code order:o-1?:base} — another key, and the original, redelivered, would be
 * credited a second time. The form neither reads nor writes such text; whole surrogate pairs
 * (emoji) are text like any other.
 */
class LoyaltyJsonUnpairedSurrogateTest {

  private static String golden(String name) throws IOException {
    return Files.readString(LoyaltyJsonGoldenTest.GOLDEN.resolve(name + ".json"), StandardCharsets.UTF_8).strip();
  }

  @Test
  void read_textWithAnUnpairedSurrogate_isRefusedAtItsPath() throws IOException {
    // given: a lone high surrogate, a lone low one, and a pair in the wrong order
    String decision = golden("decision");
    List<String> attacks = List.of("\\ud800", "\\udc00", "\\udc00\\ud800");

    for (String attack : attacks) {
      String json = decision.replace("\"key\":\"order:o-1:base\"", "\"key\":\"order:o-1" + attack + ":base\"");

      // when
      LoyaltyJsonException e = catchThrowableOfType(LoyaltyJsonException.class, () -> LoyaltyJson.read(json, Decision.class));

      // then
      assertThat(e).as(attack).isNotNull();
      assertThat(e.path()).isEqualTo("$.entries[0].key");
      assertThat(e.expected()).startsWith("text of whole Unicode characters");
    }
  }

  @Test
  void read_textWithASurrogatePair_reads() throws IOException {
    // given
    String json = golden("decision").replace("\"eventId\":\"o-1\"", "\"eventId\":\"o-1\\ud83d\\ude00\"");

    // when
    Decision read = LoyaltyJson.read(json, Decision.class);

    // then
    assertThat(read.eventId()).isEqualTo("o-1\uD83D\uDE00");
  }

  @Test
  void write_valueWithAnUnpairedSurrogate_isRefusedOnTheFacadeAndOnAPlainMapper() throws IOException {
    // given: the domain accepts the text, but no UTF-8 store can keep it
    Decision sample = LoyaltyJson.read(golden("decision"), Decision.class);
    Decision lone = new Decision("o-1\uD800", sample.ruleBaseVersion(), sample.entries(), sample.tierChange(),
        sample.firedRules(), sample.notices());
    ObjectMapper plain = new ObjectMapper().registerModule(new LoyaltyJsonModule());

    // when
    InvalidValueException facade = catchThrowableOfType(InvalidValueException.class, () -> LoyaltyJson.write(lone));
    JsonMappingException mapper = catchThrowableOfType(JsonMappingException.class, () -> plain.writeValueAsString(lone));

    // then
    assertThat(facade).isNotNull();
    assertThat(facade.expected()).startsWith("text of whole Unicode characters");
    assertThat(mapper.getCause()).isInstanceOf(InvalidValueException.class);
    assertThat(LoyaltyJson.write(new Decision("o-1\uD83D\uDE00", sample.ruleBaseVersion(), List.of(), Optional.empty(),
        List.of(), List.of()))).contains("o-1\uD83D\uDE00");
  }
}
