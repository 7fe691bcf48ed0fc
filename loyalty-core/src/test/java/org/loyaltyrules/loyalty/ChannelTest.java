package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.InvalidValues.assertInvalidValue;

import org.junit.jupiter.api.Test;

class ChannelTest {

  private static final String RULE = "lower-case letters, digits and '-', starting with a letter, at most 40 characters";

  @Test
  void constants_wellKnownChannels_haveStableCodes() {
    assertThat(Channel.ONLINE_STORE.code()).isEqualTo("online-store");
    assertThat(Channel.POS.toString()).isEqualTo("pos");
    assertThat(Channel.SOCIAL).isEqualTo(Channel.of("social"));
    assertThat(Channel.APP.code()).isEqualTo("app");
  }

  @Test
  void of_shopDefinedCode_isAccepted() {
    assertThat(Channel.of("line-shop2").code()).isEqualTo("line-shop2");
  }

  @Test
  void of_invalidCodes_throwInvalidValue() {
    assertInvalidValue(() -> Channel.of("Line Shop"), "channel", "code", "Line Shop", RULE);
    assertInvalidValue(() -> Channel.of("1pos"), "channel", "code", "1pos", RULE);
    assertInvalidValue(() -> Channel.of("a" + "b".repeat(40)), "channel", "code", "a" + "b".repeat(40), RULE);
    assertInvalidValue(() -> Channel.of(null), "channel", "code", "null", "a value");
  }

  @Test
  void of_turkishDottedCapitalI_isRejectedWhateverTheDefaultLocale() {
    assertInvalidValue(() -> Channel.of("İnstagram"), "channel", "code", "İnstagram", RULE);
  }
}
