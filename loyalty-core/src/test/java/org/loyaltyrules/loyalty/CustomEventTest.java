package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Worked examples of {@link LoyaltyEvent.CustomEvent}'s bounds, {@link CampaignLimits} and budgets. */
class CustomEventTest {
  private static final Instant AT = Instant.parse("2026-03-02T01:00:00Z");

  @Test
  void customEvent_attributesInAnyOrder_areSortedAndUnmodifiable() {
    // given
    Map<String, String> attributes = new HashMap<>(Map.of("stars", "5", "sku", "tea-250g"));

    // when
    LoyaltyEvent.CustomEvent event = new LoyaltyEvent.CustomEvent("ev-1", "m-1", "review", attributes, AT);
    attributes.put("stars", "1");

    // then
    assertThat(event.attributes()).containsExactly(Map.entry("sku", "tea-250g"), Map.entry("stars", "5"));
    assertThat(event.kind()).isEqualTo("custom-event");
    assertThatThrownBy(() -> event.attributes().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void customEvent_typeWithUpperCase_isRefusedNamingTheRule() {
    assertThatThrownBy(() -> LoyaltyEvent.CustomEvent.of("ev-1", "m-1", "Check-In", AT))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("Invalid custom event: type [Check-In]; expected 1 to 40 of a-z, 0-9, '-', '_', starting with a letter");
  }

  @Test
  void customEvent_typeOf41Characters_isRefused() {
    assertThatThrownBy(() -> LoyaltyEvent.CustomEvent.of("ev-1", "m-1", "a".repeat(41), AT))
        .isInstanceOf(InvalidValueException.class)
        .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("type"));
  }

  @Test
  void customEvent_eventIdWithColon_isRefusedBecauseItBecomesPartOfAKey() {
    assertThatThrownBy(() -> LoyaltyEvent.CustomEvent.of("ev:1", "m-1", "check-in", AT))
        .isInstanceOf(InvalidValueException.class)
        .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("eventId"));
  }

  @Test
  void customEvent_21Attributes_isRefused() {
    // given
    Map<String, String> attributes = new HashMap<>();
    for (int i = 0; i < 21; i++) {
      attributes.put("a" + i, "v");
    }

    // when / then
    assertThatThrownBy(() -> new LoyaltyEvent.CustomEvent("ev-1", "m-1", "review", attributes, AT))
        .isInstanceOf(InvalidValueException.class)
        .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("attributes.size"));
  }

  @Test
  void customEvent_valueWithLineBreakOrUnpairedSurrogateOrTooLong_isRefused() {
    for (String bad : List.of("5\nstars", "\ud800x", "x".repeat(201))) {
      assertThatThrownBy(() -> new LoyaltyEvent.CustomEvent("ev-1", "m-1", "review", Map.of("stars", bad), AT))
          .isInstanceOf(InvalidValueException.class)
          .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("attributes[stars]"));
    }
    assertThat(new LoyaltyEvent.CustomEvent("ev-1", "m-1", "review", Map.of("text", "好喝😀"), AT).attributes())
        .containsEntry("text", "好喝😀");
  }

  @Test
  void customEvent_attributeNameWithSpace_isRefused() {
    assertThatThrownBy(() -> new LoyaltyEvent.CustomEvent("ev-1", "m-1", "review", Map.of("my stars", "5"), AT))
        .isInstanceOf(InvalidValueException.class)
        .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("attributes.name"));
  }

  @Test
  void campaignLimits_zeroPerDayOrNonPositiveBudget_areRefused() {
    assertThatThrownBy(() -> CampaignLimits.none().perDay(0)).isInstanceOf(InvalidValueException.class)
        .hasMessage("Invalid campaign limits: perDay [0]; expected from 1 to 1000000");
    assertThatThrownBy(() -> CampaignLimits.none().totalBudget(Points.ZERO)).isInstanceOf(InvalidValueException.class);
    assertThat(CampaignLimits.none().lifetime(1).readsLifetime()).isTrue();
    assertThat(CampaignLimits.none().perMonth(3).readsLifetime()).isFalse();
  }

  @Test
  void eventBonus_typeTheEventWouldRefuse_isRefusedToo() {
    assertThatThrownBy(() -> Campaign.eventBonus("c-1", "Check-in", "Check In", Points.of(5), CampaignSchedule.always()))
        .isInstanceOf(InvalidValueException.class)
        .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("c-1.eventType"));
  }

  @Test
  void budgetUse_sumsEventBonusEntriesByCampaign_andIgnoresOtherEntries() {
    // given
    Provenance why = new Provenance("ev-1", "rule", "v1", "reason");
    Money zero = Money.zero(java.util.Currency.getInstance("TWD"));
    List<LedgerEntry> entries = List.of(
        new LedgerEntry.Earned(EntryKey.eventBonus("ev-1", "check-in").text(), "m-1", Points.of(5), AT, why, zero,
            List.of(), Optional.empty(), Optional.empty()),
        new LedgerEntry.Earned(EntryKey.eventBonus("ev-1", "review").text(), "m-1", Points.of(20), AT, why, zero,
            List.of(), Optional.empty(), Optional.empty()),
        new LedgerEntry.Earned(EntryKey.orderBase("o-1").text(), "m-1", Points.of(99), AT, why, zero,
            List.of(), Optional.empty(), Optional.empty()));

    // when
    Decision decision = new Decision("ev-1", "v1", entries, Optional.empty(), List.of(), List.of());

    // then
    assertThat(decision.budgetUse()).containsExactly(Map.entry("check-in", Points.of(5)), Map.entry("review", Points.of(20)));
  }

  @Test
  void campaignBudgets_negativeUse_isRefused() {
    assertThatThrownBy(() -> CampaignBudgets.of(Map.of("c-1", Points.of(-1)))).isInstanceOf(InvalidValueException.class);
    assertThat(CampaignBudgets.of(Map.of("c-1", Points.of(7))).usedBy("c-1")).contains(Points.of(7));
    assertThat(CampaignBudgets.none().usedBy("c-1")).isEmpty();
  }
}
