package org.loyaltyrules.loyalty.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;

/**
 * A document within every size limit can still hold millions of tiny values, each costing the
 * reader far more heap than its two characters (a 9.6 MB array of strings took 580 MB and 7 s
 * before this bound). Past {@link JsonTree#FREE_VALUES} values the reader requires {@link
 * JsonTree#MIN_CHARS_PER_VALUE} characters per value on average, on the facade and on a plain
 * mapper, wherever the values sit (a known field or an unknown one); a bound by ratio, not count,
 * so a large genuine checkpoint still reads.
 */
class LoyaltyJsonExhaustionTest {
  private static final String RATIO = "at least 8 characters per value on average";

  private static String golden(String name) throws IOException {
    return Files.readString(LoyaltyJsonGoldenTest.GOLDEN.resolve(name + ".json"), StandardCharsets.UTF_8).strip();
  }

  @Test
  void read_millionsOfTinyValuesWithinTheSizeLimits_areRefusedByTheValueBound() throws IOException {
    // given: 2,400,000 one-letter notices, and 4,800,000 zeros under an unknown field (each < 10 MB)
    String notices = golden("decision").replace("\"notices\":[", "\"notices\":[" + "\"n\",".repeat(2_400_000));
    String zeros = golden("decision").replace("\"notices\":[", "\"x\":[" + "0,".repeat(4_800_000) + "0],\"notices\":[");
    assertThat(notices.length()).isLessThan(LoyaltyJson.MAX_DOCUMENT_CHARS);
    assertThat(zeros.length()).isLessThan(LoyaltyJson.MAX_DOCUMENT_CHARS);

    // when
    LoyaltyJsonException manyNotices = catchThrowableOfType(LoyaltyJsonException.class, () -> LoyaltyJson.read(notices, Decision.class));
    LoyaltyJsonException manyZeros = catchThrowableOfType(LoyaltyJsonException.class, () -> LoyaltyJson.read(zeros, Decision.class));

    // then
    assertThat(manyNotices.path()).startsWith("$.notices[");
    assertThat(manyNotices.expected()).startsWith(RATIO);
    assertThat(manyZeros.path()).startsWith("$.x[");
    assertThat(manyZeros.expected()).startsWith(RATIO);
  }

  @Test
  void plainMapper_millionsOfTinyValues_areRefusedByTheModulesOwnBound() throws IOException {
    // given: a plain mapper has no document length limit at all
    ObjectMapper plain = new ObjectMapper().registerModule(new LoyaltyJsonModule());
    String json = golden("decision").replace("\"notices\":[", "\"notices\":[" + "[],".repeat(3_000_000) + "[],");

    // when
    JsonMappingException e = catchThrowableOfType(JsonMappingException.class, () -> plain.readValue(json, Decision.class));

    // then
    assertThat(e.getCause()).isInstanceOfSatisfying(LoyaltyJsonException.class,
        typed -> assertThat(typed.expected()).startsWith(RATIO));
  }

  @Test
  void read_orderOfFiveThousandLines_isWellWithinTheBound() {
    // given: about 60,000 values
    List<OrderLine> lines = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      lines.add(OrderLine.of("l-" + i, "sku-" + i, "tea", 1, Money.of("10", "TWD")));
    }
    Order order = new Order("o-1", "m-1", JsonSamples.PAID, Channel.POS, Money.of("0", "TWD").currency(), lines,
        Money.of("0", "TWD"), Money.of("0", "TWD"));

    // when
    Order back = LoyaltyJson.read(LoyaltyJson.write(order), Order.class);

    // then
    assertThat(back).isEqualTo(order);
  }
}
