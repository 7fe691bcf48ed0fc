package org.loyaltyrules.loyalty.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.Points;

/**
 * JSON from a database or an HTTP request is hostile. Each class of attack is read by {@link
 * LoyaltyJson#read} and fails with a {@link LoyaltyJsonException} naming the path, the value and
 * what was expected; never a Jackson or JDK exception, never a partly built value.
 */
class LoyaltyJsonHostileInputTest {

  private static String golden(String name) throws IOException {
    return Files.readString(LoyaltyJsonGoldenTest.GOLDEN.resolve(name + ".json"), StandardCharsets.UTF_8);
  }

  private static LoyaltyJsonException readFails(String json, Class<?> type) {
    return catchThrowableOfType(LoyaltyJsonException.class, () -> LoyaltyJson.read(json, type));
  }

  @Test
  void read_wholeMessage_hasTheHouseShape() throws IOException {
    // given
    String json = golden("entry-redeemed").replace("\"points\":-50", "\"points\":-50.5");

    // when
    LoyaltyJsonException e = readFails(json, LedgerEntry.class);

    // then
    assertThat(e).hasMessage("Invalid JSON: $.points [-50.5]; expected an integer");
    assertThat(e.code()).isEqualTo("invalid-json");
    assertThat(e.path()).isEqualTo("$.points");
    assertThat(e.value()).isEqualTo("-50.5");
    assertThat(e.expected()).isEqualTo("an integer");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      empty text              |                                   | $ | a JSON document
      only whitespace         | '   '                             | $ | a JSON document
      truncated object        | '{"format":1,"amount":"1.00"'     | $ | well-formed JSON
      not JSON                | 'TWD 1.00'                        | $ | well-formed JSON
      unquoted field name     | '{format:1}'                      | $ | well-formed JSON
      comment                 | '{"format":1 /* x */}'            | $ | well-formed JSON
      NaN                     | '{"format":1,"amount":NaN}'       | $ | well-formed JSON
      """)
  void read_malformedJson_isRefusedWithItsLocation(String attack, String json, String path, String expected) {
    // when
    LoyaltyJsonException e = readFails(json == null ? "" : json, Money.class);

    // then
    assertThat(e.path()).as(attack).isEqualTo(path);
    assertThat(e.expected()).as(attack).startsWith(expected);
  }

  @Test
  void read_unknownFields_areRefusedAtEveryLevel() throws IOException {
    // given: a field added at the root, inside a nested object, and a nested format
    String root = golden("order").replace("\"format\":1,", "\"format\":1,\"admin\":true,");
    String nested = golden("order").replace("\"sku\":\"sku-tea\",", "\"sku\":\"sku-tea\",\"price\":0,");
    String nestedFormat = golden("decision").replace("\"entries\":[{", "\"entries\":[{\"format\":1,");

    // when / then
    assertThat(readFails(root, Order.class).path()).isEqualTo("$.admin");
    assertThat(readFails(nested, Order.class).path()).isEqualTo("$.lines[0].price");
    assertThat(readFails(nestedFormat, Decision.class).path()).isEqualTo("$.entries[0].format");
    assertThat(readFails(root, Order.class).expected()).startsWith("only the fields [");
  }

  @Test
  void read_duplicateKeys_areRefusedOnTheFacadeAndOnAPlainMapper() throws IOException {
    // given: the second "points" would win in a lenient reader
    String json = golden("entry-redeemed").replace("\"points\":-50,", "\"points\":-50,\"points\":-1,");
    ObjectMapper plain = new ObjectMapper().registerModule(new LoyaltyJsonModule());

    // when
    LoyaltyJsonException facade = readFails(json, LedgerEntry.class);
    JsonMappingException onPlain = catchThrowableOfType(JsonMappingException.class,
        () -> plain.readValue(json, LedgerEntry.class));

    // then
    assertThat(facade.expected()).containsIgnoringCase("duplicate");
    assertThat(onPlain.getCause()).isInstanceOfSatisfying(LoyaltyJsonException.class,
        typed -> assertThat(typed.path()).isEqualTo("$.points"));
  }

  @Test
  void read_trailingTokens_areRefused() throws IOException {
    // given
    String json = golden("money") + "{\"format\":1}";

    // when
    LoyaltyJsonException e = readFails(json, Money.class);

    // then
    assertThat(e.expected()).isEqualTo("one JSON document and nothing after it");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      number for a string     | "memberId":"m-1"          | "memberId":1              | $.memberId   | a string
      object for a string     | "memberId":"m-1"          | "memberId":{}             | $.memberId   | a string
      string for a number     | "points":-50              | "points":"-50"            | $.points     | an integer
      boolean for a number    | "points":-50              | "points":true             | $.points     | an integer
      array for an object     | "cashValue":{"amount":"50","currency":"JPY"} | "cashValue":[] | $.cashValue | an object
      float for an integer    | "points":-50              | "points":-5E1             | $.points     | an integer
      beyond a long           | "points":-50              | "points":-9223372036854775809 | $.points | an integer from -2^63 to 2^63-1
      number for money        | "amount":"50"             | "amount":50               | $.cashValue.amount | a string
      exponent in money       | "amount":"50"             | "amount":"5E1"            | $.cashValue.amount | a plain decimal string
      offset instant          | "2026-06-12T08:30:00Z"    | "2026-06-12T16:30:00+08:00" | $.occurredAt | an ISO-8601 UTC instant
      epoch-millis instant    | "2026-06-12T08:30:00Z"    | 1781253000000             | $.occurredAt | a string
      lower-case currency     | "currency":"JPY"          | "currency":"jpy"          | $.cashValue.currency | an ISO 4217 currency code
      unknown currency        | "currency":"JPY"          | "currency":"ZZZ"          | $.cashValue.currency | an ISO 4217 currency code
      """)
  void read_wrongTypes_areRefusedWithPathValueAndExpectation(
      String attack, String from, String to, String path, String expected) throws IOException {
    // given
    String json = golden("entry-redeemed").replace(from, to);
    assertThat(json).as("the attack applies").isNotEqualTo(golden("entry-redeemed"));

    // when
    LoyaltyJsonException e = readFails(json, LedgerEntry.class);

    // then
    assertThat(e.path()).as(attack).isEqualTo(path);
    assertThat(e.expected()).as(attack).startsWith(expected);
  }

  @Test
  void read_quantityBeyondAnInt_isRefused() throws IOException {
    // given
    String json = golden("returned-line").replace("\"quantity\":1", "\"quantity\":2147483648");

    // when
    LoyaltyJsonException e = readFails(json, LoyaltyEvent.ReturnedLine.class);

    // then
    assertThat(e.path()).isEqualTo("$.quantity");
    assertThat(e.expected()).isEqualTo("an integer within ±2^31");
  }

  @Test
  void read_nulls_areRefusedAsRootFieldAndElement() throws IOException {
    // given
    String field = golden("member").replace("\"referrerId\":\"m-0\"", "\"referrerId\":null");
    String element = golden("member").replace("[\"newsletter\",\"vip\"]", "[\"newsletter\",null]");
    ObjectMapper plain = new ObjectMapper().registerModule(new LoyaltyJsonModule());

    // when / then
    assertThat(readFails("null", Member.class).path()).isEqualTo("$");
    assertThat(readFails(field, Member.class).path()).isEqualTo("$.referrerId");
    assertThat(readFails(field, Member.class).expected()).contains("left out, never null");
    assertThat(readFails(element, Member.class).path()).isEqualTo("$.tags[1]");
    assertThatThrownBy(() -> plain.readValue("null", Member.class)).isInstanceOf(JsonMappingException.class)
        .hasCauseInstanceOf(LoyaltyJsonException.class);
    assertThatThrownBy(() -> LoyaltyJson.read(null, Member.class)).isInstanceOf(LoyaltyJsonException.class);
  }

  @Test
  void read_missingFields_areNamed() throws IOException {
    // given
    String json = golden("tier-change").replace("\"rule\":\"tier: upgrade\",", "");

    // when
    LoyaltyJsonException e = readFails(json, org.loyaltyrules.loyalty.TierChange.class);

    // then
    assertThat(e).hasMessage("Invalid JSON: $.rule [missing]; expected a value for field rule");
  }

  @Test
  void read_oversizedInput_isRefusedByTheReadersLimits() throws IOException {
    // given: a 200,000-character reason, a 1,000-digit number, 10,000 nested arrays (the module's own
    // bound, 16, comes before the parser's 32), a 12 MB document of few values (millions of tiny
    // ones meet JsonTree.MIN_CHARS_PER_VALUE first: LoyaltyJsonExhaustionTest)
    String longString = golden("provenance").replace("\"reason\":\"", "\"reason\":\"" + "x".repeat(200_000));
    String hugeNumber = golden("entry-redeemed").replace("\"points\":-50", "\"points\":-" + "9".repeat(1_000));
    String deep = "[".repeat(10_000) + "]".repeat(10_000);
    String huge = golden("decision").replace("\"notices\":[", "\"notices\":[" + ("\"" + "n".repeat(99_000) + "\",").repeat(121));

    // when / then
    assertThat(readFails(longString, org.loyaltyrules.loyalty.Provenance.class).expected())
        .startsWith("a document within the reader's limits");
    assertThat(readFails(hugeNumber, LedgerEntry.class).expected()).startsWith("a document within the reader's limits");
    assertThat(readFails(deep, Decision.class).expected()).isEqualTo("at most 16 nested objects and arrays");
    assertThat(readFails(huge, Decision.class).expected()).startsWith("a document within the reader's limits");
  }

  @Test
  void plainMapper_deepNesting_isRefusedByTheModulesOwnBound() throws IOException {
    // given: a plain mapper allows 500 levels; the canonical form needs 5
    ObjectMapper plain = new ObjectMapper().registerModule(new LoyaltyJsonModule());
    String deep = golden("decision").replace("\"notices\":[", "\"notices\":[" + "[".repeat(100))
        .replace("spend bonus\"]", "spend bonus\"" + "]".repeat(100) + "]");

    // when
    JsonMappingException e = catchThrowableOfType(JsonMappingException.class, () -> plain.readValue(deep, Decision.class));

    // then
    assertThat(e.getCause()).isInstanceOfSatisfying(LoyaltyJsonException.class,
        typed -> assertThat(typed.expected()).isEqualTo("at most 16 nested objects and arrays"));
  }

  @Test
  void read_unknownKinds_areRefusedWithTheKnownOnes() throws IOException {
    // given
    String unknownEntry = golden("entry-adjusted").replace("\"kind\":\"adjusted\"", "\"kind\":\"gift\"");
    String unknownEvent = golden("event-expiry-run").replace("\"kind\":\"expiry-run\"", "\"kind\":\"ExpiryRun\"");
    String noKind = golden("entry-adjusted").replace("\"kind\":\"adjusted\",", "");
    String otherKind = golden("entry-adjusted");

    // when / then
    assertThat(readFails(unknownEntry, LedgerEntry.class)).hasMessageStartingWith(
        "Invalid JSON: $.kind [\"gift\"]; expected a ledger entry kind: [earned, released, redeemed,");
    assertThat(readFails(unknownEvent, LoyaltyEvent.class).path()).isEqualTo("$.kind");
    assertThat(readFails(noKind, LedgerEntry.class)).hasMessage("Invalid JSON: $.kind [missing]; expected a value for field kind");
    assertThat(readFails(otherKind, LedgerEntry.Earned.class))
        .hasMessage("Invalid JSON: $.kind [\"adjusted\"]; expected a ledger entry of kind Earned");
  }

  @ParameterizedTest(name = "format {0}")
  @CsvSource(delimiter = '|', textBlock = """
      2                    | $.format
      0                    | $.format
      -1                   | $.format
      '"1"'                | $.format
      1.0                  | $.format
      4294967297           | $.format
      """)
  void read_unknownFormatVersions_areRefused(String format, String path) throws IOException {
    // given
    String json = golden("decision").replace("\"format\":1", "\"format\":" + format);

    // when
    LoyaltyJsonException e = readFails(json, Decision.class);

    // then
    assertThat(e.path()).isEqualTo(path);
    assertThat(e.expected()).isEqualTo("format 1, the only version this reader knows");
  }

  @Test
  void read_documentWithoutFormat_isRefused() throws IOException {
    // given
    String json = golden("decision").replace("\"format\":1,", "");

    // when
    LoyaltyJsonException e = readFails(json, Decision.class);

    // then
    assertThat(e.path()).isEqualTo("$.format");
    assertThat(e.value()).isEqualTo("missing");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      negative earned points  | "key":"order:o-1:base","memberId":"m-1","points":14 | "key":"order:o-1:base","memberId":"m-1","points":-14 | $.entries[0].points | ≥ 0 (earned entry)
      shares off the total    | "points":11,"spend"       | "points":12,"spend"       | $.entries[0].lines.points (sum) | equal to the entry's points 14 (earned entry)
      blank event id          | "eventId":"o-1"           | "eventId":" "             | $.eventId    | a non-blank string (decision)
      year 1800               | "2026-06-09T08:30:00Z"    | "1800-06-09T08:30:00Z"    | $.entries[0].pendingUntil | from 1900-01-01T00:00:00Z
      impossible date         | "2026-06-09T08:30:00Z"    | "2026-02-30T08:30:00Z"    | $.entries[0].pendingUntil | an ISO-8601 UTC instant
      cents on a TWD amount   | "amount":"1499.00"        | "amount":"1499.001"       | $.entries[0].spend.amount | at most 2 decimal places for TWD (money)
      money beyond the bound  | "amount":"1499.00"        | "amount":"99999999999999999999" | $.entries[0].spend.amount | at most
      tier change to itself   | "to":"gold"               | "to":"silver"             | $.tierChange.to | a tier other than silver (tier change)
      """)
  void read_valuesTheDomainRefuses_areRefusedAtTheirPath(
      String attack, String from, String to, String path, String expected) throws IOException {
    // given
    String json = golden("decision").replace(from, to);
    assertThat(json).as("the attack applies").isNotEqualTo(golden("decision"));

    // when
    LoyaltyJsonException e = readFails(json, Decision.class);

    // then
    assertThat(e.path()).as(attack).isEqualTo(path);
    assertThat(e.expected()).as(attack).startsWith(expected);
  }

  @Test
  void read_invalidChannelAndBirthday_areRefusedAtTheirField() throws IOException {
    // given
    String channel = golden("order").replace("\"channel\":\"pos\"", "\"channel\":\"POS\\n\"");
    String birthday = golden("member").replace("\"--02-29\"", "\"--02-30\"");

    // when / then
    assertThat(readFails(channel, Order.class).path()).isEqualTo("$.channel");
    assertThat(readFails(birthday, Member.class).path()).isEqualTo("$.birthday");
  }

  @Test
  void readAndWrite_unsupportedTypesAndNull_areTypedErrors() {
    // when / then
    assertThatThrownBy(() -> LoyaltyJson.read("{}", String.class)).isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith("Invalid JSON: type [java.lang.String]; expected a type with a canonical JSON form: [Points,");
    assertThatThrownBy(() -> LoyaltyJson.read("{}", null)).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> LoyaltyJson.write(null)).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> LoyaltyJson.write("text")).isInstanceOf(InvalidValueException.class);
  }

  @Test
  void read_pointsAtTheRoot_areABareInteger() {
    // when / then
    assertThat(LoyaltyJson.read("9223372036854775807", Points.class)).isEqualTo(Points.of(Long.MAX_VALUE));
    assertThat(readFails("9223372036854775808", Points.class).path()).isEqualTo("$");
    assertThat(readFails("{\"format\":1,\"value\":5}", Points.class).expected()).isEqualTo("an integer");
  }
}
