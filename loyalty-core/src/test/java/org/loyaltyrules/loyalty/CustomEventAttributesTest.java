package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Custom-event attributes come from an app or a webhook and reach rules, which may copy them into
 * reasons and notices that end up in statements, logs and CSV exports: a value that breaks a line or
 * reorders text is refused when the event is made, naming the attribute.
 */
class CustomEventAttributesTest {
  private static final Instant AT = Instant.parse("2026-03-02T01:00:00Z");

  /**
   * Line and paragraph separators, bidi override and isolate, zero-width space, BOM, soft hyphen, and a
   * Unicode tag character (text hidden from the reader).
   */
  @ParameterizedTest
  @ValueSource(strings = {"5\u2028forged: 9999 points", "5\u2029x", "\u202E5 stars", "\u20665\u2069", "5\u200B",
      "\uFEFF5", "5\u00AD", "5\uDB40\uDC41"})
  void customEvent_attributeWithLineBreakingOrInvisibleCharacter_isRefusedNamingIt(String value) {
    assertThatThrownBy(() -> new LoyaltyEvent.CustomEvent("ev-1", "m-1", "review", Map.of("stars", value), AT))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> {
          assertThat(e.field()).isEqualTo("attributes[stars]");
          assertThat(e.getMessage()).contains("without control characters");
        });
  }

  @ParameterizedTest
  @ValueSource(strings = {"5", "好評 👍", "tea-250g", ""})
  void customEvent_ordinaryAttributeValue_isKept(String value) {
    // when
    LoyaltyEvent.CustomEvent event = new LoyaltyEvent.CustomEvent("ev-1", "m-1", "review", Map.of("stars", value), AT);

    // then
    assertThat(event.attributes()).containsExactly(Map.entry("stars", value));
  }
}
