package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.NotBlank;

/**
 * Every key the engine makes reads back as itself, and reading any stored text never fails.
 *
 * <p>Ids are drawn the way hosts and campaign files make them: order, member and return ids may
 * contain {@code :}; campaign and bonus ids may not (the factories refuse one), and may be {@code
 * base}. Two texts are ambiguous by the stored format and left out: an order id ending in {@code
 * :campaign} or {@code :bonus} (its base key reads as a component of a shorter order id), and a
 * return id containing {@code :order:}, {@code :enrol:} or {@code :referral:} (see {@link EntryKey}).
 */
class EntryKeyProperties {

  @Property
  void everyKindParsesBackToItself(@ForAll("keys") EntryKey key) {
    // when
    EntryKey parsed = EntryKey.parse(key.text());

    // then
    assertThat(parsed).isEqualTo(key);
    assertThat(parsed.text()).isEqualTo(key.text());
  }

  @Property
  void parseOfAnyNonBlankTextNeverThrowsAndKeepsItsText(@ForAll @NotBlank String text) {
    // when
    EntryKey parsed = EntryKey.parse(text);

    // then
    assertThat(parsed.text()).isEqualTo(text);
  }

  @Property
  void parseOfTextMadeOfKeyFragmentsNeverThrowsAndKeepsItsText(@ForAll("fragmentTexts") String text) {
    // when
    EntryKey parsed = EntryKey.parse(text);

    // then
    assertThat(parsed.text()).isEqualTo(text);
  }

  @Provide
  Arbitrary<EntryKey> keys() {
    Arbitrary<EntryKey> earned = earnedKeys();
    return Arbitraries.oneOf(
        earned,
        Combinators.combine(returnIds(), earned).as(EntryKey::clawback),
        idsWithColons().map(EntryKey::redemption),
        idsWithColons().map(EntryKey::redemptionCancellation),
        earned.map(EntryKey::release),
        Combinators.combine(earned, instants()).as(EntryKey::expiry));
  }

  /** Keys of entries that credit points, which the other kinds refer to. */
  private Arbitrary<EntryKey> earnedKeys() {
    return Arbitraries.oneOf(
        orderIds().map(EntryKey::orderBase),
        Combinators.combine(orderIds(), componentIds()).as(EntryKey::orderCampaign),
        Combinators.combine(orderIds(), componentIds()).as(EntryKey::orderBonus),
        Combinators.combine(idsWithColons(), componentIds()).as(EntryKey::enrolmentBonus),
        Combinators.combine(idsWithColons(), Arbitraries.integers().between(1, 999_999_999)).as(EntryKey::referralBonus),
        Combinators.combine(componentIds(), componentIds()).as(EntryKey::eventBonus));
  }

  @Provide
  Arbitrary<String> fragmentTexts() {
    Arbitrary<String> fragment = Arbitraries.of("order:", "enrol:", "referral:", "return:", "redeem:", "redeem-cancel:",
        "release:", "expire:", "event:", ":base", ":campaign:", ":bonus:", ":level-", "@", "2024-03-01T00:00:00Z", "0", "-1",
        "x", ":", " ", "+10000-01-01T00:00:00Z");
    return fragment.list().ofMinSize(1).ofMaxSize(8).map(parts -> String.join("", parts)).filter(s -> !s.isBlank());
  }

  /** Ids with {@code :} and the key words in them, as an order or member id may hold. */
  private static Arbitrary<String> idsWithColons() {
    Arbitrary<String> part = Arbitraries.oneOf(
        Arbitraries.strings().alpha().numeric().withChars('-', '_', '.', '@', ' ').ofMinLength(1).ofMaxLength(8),
        Arbitraries.of("order", "base", "campaign", "bonus", "level-1", "enrol", "release", "expire", "event"));
    return part.list().ofMinSize(1).ofMaxSize(4).map(parts -> String.join(":", parts)).filter(s -> !s.isBlank());
  }

  private static Arbitrary<String> componentIds() {
    return Arbitraries.oneOf(Arbitraries.just("base"),
        Arbitraries.strings().alpha().numeric().withChars('-', '_', '.').ofMinLength(1).ofMaxLength(12));
  }

  private static Arbitrary<String> orderIds() {
    return idsWithColons().filter(s -> !s.endsWith(":campaign") && !s.endsWith(":bonus"));
  }

  private static Arbitrary<String> returnIds() {
    return idsWithColons().filter(s -> !s.contains(":order:") && !s.contains(":enrol:") && !s.contains(":referral:")
        && !s.contains(":event:") && !s.endsWith(":order") && !s.endsWith(":enrol") && !s.endsWith(":referral")
        && !s.endsWith(":event"));
  }

  private static Arbitrary<Instant> instants() {
    return Arbitraries.longs().between(Limits.EARLIEST_INSTANT.getEpochSecond(), Limits.LATEST_INSTANT_EXCLUSIVE.getEpochSecond() - 1)
        .flatMap(s -> Arbitraries.integers().between(0, 999_999_999).map(n -> Instant.ofEpochSecond(s, n)));
  }
}
