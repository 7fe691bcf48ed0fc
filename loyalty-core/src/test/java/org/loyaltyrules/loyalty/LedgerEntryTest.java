package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loyaltyrules.loyalty.Entries.MEMBER;
import static org.loyaltyrules.loyalty.Entries.day;
import static org.loyaltyrules.loyalty.Entries.line;
import static org.loyaltyrules.loyalty.Entries.twd;
import static org.loyaltyrules.loyalty.InvalidValues.assertInvalidValue;
import static org.loyaltyrules.loyalty.InvalidValues.assertNames;
import static org.loyaltyrules.loyalty.InvalidValues.thrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LedgerEntryTest {

  private static final Provenance WHY = new Provenance("order-1", "earning: base rate", "rb-1", "1 point per 10 TWD");

  private static LedgerEntry.Earned earned(long points, String spend, List<LineShare> lines, Optional<Instant> pendingUntil,
      Optional<Instant> expiresAt) {
    return new LedgerEntry.Earned("e1", MEMBER, Points.of(points), day(0), WHY, twd(spend), lines, pendingUntil, expiresAt);
  }

  @Nested
  class Common {

    @Test
    void key_blank_throwsInvalidValue() {
      assertInvalidValue(() -> new LedgerEntry.Redeemed(" ", MEMBER, Points.of(-1), day(0), WHY, twd("0")), "redeemed entry", "key",
          "\" \"", "a non-blank string");
    }

    @Test
    void key_longerThan256Characters_throwsInvalidValue() {
      // given
      String key = "k".repeat(257);

      // when / then
      // (the value is shown as its first 100 characters and its length, never whole)
      assertInvalidValue(() -> new LedgerEntry.Redeemed(key, MEMBER, Points.of(-1), day(0), WHY, twd("0")), "redeemed entry", "key",
          "k".repeat(100) + "…(257 characters)", "at most 256 characters");
      assertThat(new LedgerEntry.Redeemed("k".repeat(256), MEMBER, Points.of(-1), day(0), WHY, twd("0")).key()).hasSize(256);
    }

    @Test
    void memberId_blank_throwsInvalidValue() {
      assertInvalidValue(() -> new LedgerEntry.Expired("x1", "", Points.of(-1), day(0), WHY, "e1"), "expired entry", "memberId",
          "\"\"", "a non-blank string");
    }

    @Test
    void missingComponents_throwInvalidValue() {
      assertInvalidValue(() -> new LedgerEntry.Adjusted("a1", MEMBER, null, day(0), WHY, Optional.empty()), "adjusted entry", "points",
          "null", "a value");
      assertInvalidValue(() -> new LedgerEntry.Adjusted("a1", MEMBER, Points.of(1), null, WHY, Optional.empty()), "adjusted entry",
          "occurredAt", "null", "a value");
      assertInvalidValue(() -> new LedgerEntry.Adjusted("a1", MEMBER, Points.of(1), day(0), null, Optional.empty()), "adjusted entry",
          "provenance", "null", "a value");
      assertInvalidValue(() -> new LedgerEntry.Adjusted("a1", MEMBER, Points.of(1), day(0), WHY, null), "adjusted entry",
          "expiresAt", "null", "a value");
    }

    @Test
    void kind_eachEntry_hasAStableLowerCaseName() {
      // given
      List<LedgerEntry> entries = List.of(
          earned(1, "1", List.of(), Optional.empty(), Optional.empty()),
          new LedgerEntry.Released("x", MEMBER, day(0), WHY, "e1"),
          new LedgerEntry.Redeemed("r", MEMBER, Points.of(-1), day(0), WHY, twd("0")),
          new LedgerEntry.RedemptionCancelled("v", MEMBER, Points.of(1), day(0), WHY, "r"),
          new LedgerEntry.Expired("x", MEMBER, Points.of(-1), day(0), WHY, "e1"),
          new LedgerEntry.ClawedBack("c", MEMBER, Points.of(-1), day(0), WHY, "e1", Points.ZERO, twd("0"), List.of()),
          new LedgerEntry.Adjusted("a", MEMBER, Points.of(1), day(0), WHY, Optional.empty()));

      // then
      assertThat(entries).extracting(LedgerEntry::kind)
          .containsExactly("earned", "released", "redeemed", "redemption-cancelled", "expired", "clawed-back", "adjusted");
    }
  }

  @Nested
  class Earned {

    @Test
    void earned_zeroPoints_isAllowedToRecordSpend() {
      assertThat(earned(0, "99", List.of(), Optional.empty(), Optional.empty()).points()).isEqualTo(Points.ZERO);
    }

    @Test
    void earned_negativePoints_throwsInvalidValue() {
      assertInvalidValue(() -> earned(-1, "0", List.of(), Optional.empty(), Optional.empty()), "earned entry", "points", "-1", "≥ 0");
    }

    @Test
    void earned_negativeSpend_throwsInvalidValue() {
      assertInvalidValue(() -> earned(1, "-0.01", List.of(), Optional.empty(), Optional.empty()), "earned entry", "spend",
          "TWD -0.01", "≥ 0");
    }

    @Test
    void earned_expiryNotAfterOccurrence_throwsInvalidValue() {
      assertInvalidValue(() -> earned(1, "1", List.of(), Optional.empty(), Optional.of(day(0))), "earned entry", "expiresAt",
          day(0).toString(), "after occurredAt " + day(0));
    }

    @Test
    void earned_pendingNotBeforeExpiry_throwsInvalidValue() {
      assertInvalidValue(() -> earned(1, "1", List.of(), Optional.of(day(10)), Optional.of(day(10))), "earned entry", "pendingUntil",
          day(10).toString(), "before expiresAt " + day(10));
    }

    @Test
    void earned_pendingWithoutExpiry_isAllowedAtAnyInstant() {
      assertThat(earned(1, "1", List.of(), Optional.of(day(-1)), Optional.empty()).pendingUntil()).contains(day(-1));
    }

    @Test
    void earned_linePointsNotAddingUp_throwsInvalidValue() {
      assertInvalidValue(() -> earned(100, "10", List.of(line("A", 1, 60, "5"), line("B", 1, 30, "5")), Optional.empty(),
          Optional.empty()), "earned entry", "lines.points (sum)", "90", "equal to the entry's points 100");
    }

    @Test
    void earned_lineSpendNotAddingUp_throwsInvalidValue() {
      assertInvalidValue(() -> earned(90, "10", List.of(line("A", 1, 60, "5"), line("B", 1, 30, "4.99")), Optional.empty(),
          Optional.empty()), "earned entry", "lines.spend (sum)", "TWD 9.99", "equal to the entry's spend TWD 10.00");
    }

    @Test
    void earned_sameLineTwice_throwsInvalidValue() {
      assertInvalidValue(() -> earned(90, "10", List.of(line("A", 1, 60, "5"), line("A", 1, 30, "5")), Optional.empty(),
          Optional.empty()), "earned entry", "lines[1].lineId", "A", "a line id listed once");
    }

    @Test
    void earned_lineInAnotherCurrency_throwsCurrencyMismatch() {
      // given
      LineShare hkd = new LineShare("A", 1, Points.of(1), Money.of("1", "HKD"));

      // when
      CurrencyMismatchException e = thrownBy(CurrencyMismatchException.class,
          () -> earned(1, "1", List.of(hkd), Optional.empty(), Optional.empty()));

      // then
      assertNames(e, "earned entry", "lines[0].spend", "HKD", "currency TWD");
    }

    @Test
    void earned_lines_areCopied() {
      // given
      List<LineShare> lines = new ArrayList<>(List.of(line("A", 1, 1, "1")));
      LedgerEntry.Earned earned = earned(1, "1", lines, Optional.empty(), Optional.empty());

      // when
      lines.clear();

      // then
      assertThat(earned.lines()).hasSize(1);
      assertThatThrownBy(() -> earned.lines().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Nested
  class Debits {

    @Test
    void redeemed_notNegative_throwsInvalidValue() {
      assertInvalidValue(() -> new LedgerEntry.Redeemed("r1", MEMBER, Points.ZERO, day(0), WHY, twd("0")), "redeemed entry", "points",
          "0", "< 0");
    }

    @Test
    void redeemed_negativeCashValue_throwsInvalidValue() {
      assertInvalidValue(() -> new LedgerEntry.Redeemed("r1", MEMBER, Points.of(-1), day(0), WHY, twd("-1")), "redeemed entry",
          "cashValue", "TWD -1.00", "≥ 0");
    }

    @Test
    void expired_notNegative_throwsInvalidValue() {
      assertInvalidValue(() -> new LedgerEntry.Expired("x1", MEMBER, Points.of(1), day(0), WHY, "e1"), "expired entry", "points", "1",
          "< 0");
    }

    @Test
    void expired_blankLotKey_throwsInvalidValue() {
      assertInvalidValue(() -> new LedgerEntry.Expired("x1", MEMBER, Points.of(-1), day(0), WHY, " "), "expired entry", "lotKey",
          "\" \"", "a non-blank string");
    }

    @Test
    void redemptionCancelled_notPositive_throwsInvalidValue() {
      assertInvalidValue(() -> new LedgerEntry.RedemptionCancelled("v1", MEMBER, Points.ZERO, day(0), WHY, "r1"),
          "redemption-cancelled entry", "points", "0", "> 0");
    }

    @Test
    void redemptionCancelled_blankRedemptionKey_throwsInvalidValue() {
      assertInvalidValue(() -> new LedgerEntry.RedemptionCancelled("v1", MEMBER, Points.of(1), day(0), WHY, ""),
          "redemption-cancelled entry", "redemptionKey", "\"\"", "a non-blank string");
    }

    @Test
    void released_changesNoPoints() {
      // when
      LedgerEntry.Released released = new LedgerEntry.Released("x1", MEMBER, day(0), WHY, "e1");

      // then
      assertThat(released.points()).isEqualTo(Points.ZERO);
      assertInvalidValue(() -> new LedgerEntry.Released("x1", MEMBER, day(0), WHY, null), "released entry", "lotKey", "null",
          "a value");
    }
  }

  @Nested
  class ClawedBack {

    @Test
    void clawedBack_reversedPoints_isDeductedPlusUncollected() {
      // when
      LedgerEntry.ClawedBack clawedBack =
          new LedgerEntry.ClawedBack("c1", MEMBER, Points.of(-40), day(0), WHY, "e1", Points.of(60), twd("100"), List.of());

      // then
      assertThat(clawedBack.reversedPoints()).isEqualTo(Points.of(100));
    }

    @Test
    void clawedBack_positivePoints_throwsInvalidValue() {
      assertInvalidValue(
          () -> new LedgerEntry.ClawedBack("c1", MEMBER, Points.of(1), day(0), WHY, "e1", Points.ZERO, twd("0"), List.of()),
          "clawed-back entry", "points", "1", "≤ 0");
    }

    @Test
    void clawedBack_negativeUncollected_throwsInvalidValue() {
      assertInvalidValue(
          () -> new LedgerEntry.ClawedBack("c1", MEMBER, Points.of(-1), day(0), WHY, "e1", Points.of(-1), twd("0"), List.of()),
          "clawed-back entry", "uncollected", "-1", "≥ 0");
    }

    @Test
    void clawedBack_negativeSpend_throwsInvalidValue() {
      assertInvalidValue(
          () -> new LedgerEntry.ClawedBack("c1", MEMBER, Points.of(-1), day(0), WHY, "e1", Points.ZERO, twd("-1"), List.of()),
          "clawed-back entry", "spend", "TWD -1.00", "≥ 0");
    }

    @Test
    void clawedBack_linesNotAddingUpToReversedPoints_throwsInvalidValue() {
      assertInvalidValue(() -> new LedgerEntry.ClawedBack("c1", MEMBER, Points.of(-40), day(0), WHY, "e1", Points.of(60), twd("10"),
          List.of(line("A", 1, 40, "10"))), "clawed-back entry", "lines.points (sum)", "40", "equal to the entry's points 100");
    }

    @Test
    void clawedBack_blankEarnedKey_throwsInvalidValue() {
      assertInvalidValue(
          () -> new LedgerEntry.ClawedBack("c1", MEMBER, Points.of(-1), day(0), WHY, " ", Points.ZERO, twd("0"), List.of()),
          "clawed-back entry", "earnedKey", "\" \"", "a non-blank string");
    }
  }

  @Nested
  class Adjusted {

    @Test
    void adjusted_zero_throwsInvalidValue() {
      assertInvalidValue(() -> new LedgerEntry.Adjusted("a1", MEMBER, Points.ZERO, day(0), WHY, Optional.empty()), "adjusted entry",
          "points", "0", "not 0");
    }

    @Test
    void adjusted_negativeWithExpiry_throwsInvalidValue() {
      assertInvalidValue(() -> new LedgerEntry.Adjusted("a1", MEMBER, Points.of(-5), day(0), WHY, Optional.of(day(9))),
          "adjusted entry", "expiresAt", day(9).toString(), "absent for a negative adjustment");
    }

    @Test
    void adjusted_expiryBeforeOccurrence_throwsInvalidValue() {
      assertInvalidValue(() -> new LedgerEntry.Adjusted("a1", MEMBER, Points.of(5), day(1), WHY, Optional.of(day(0))),
          "adjusted entry", "expiresAt", day(0).toString(), "after occurredAt " + day(1));
    }
  }

  @Nested
  class Parts {

    @Test
    void lineShare_invalidComponents_throwInvalidValue() {
      assertInvalidValue(() -> new LineShare(" ", 1, Points.ZERO, twd("0")), "line share", "lineId", "\" \"", "a non-blank string");
      assertInvalidValue(() -> new LineShare("A", 0, Points.ZERO, twd("0")), "line share", "quantity", "0", "≥ 1");
      assertInvalidValue(() -> new LineShare("A", 1, Points.of(-1), twd("0")), "line share", "points", "-1", "≥ 0");
      assertInvalidValue(() -> new LineShare("A", 1, Points.ZERO, twd("-1")), "line share", "spend", "TWD -1.00", "≥ 0");
    }

    @Test
    void provenance_blankComponents_throwInvalidValue() {
      assertInvalidValue(() -> new Provenance("", "r", "v", "why"), "provenance", "sourceEventId", "\"\"", "a non-blank string");
      assertInvalidValue(() -> new Provenance("e", " ", "v", "why"), "provenance", "rule", "\" \"", "a non-blank string");
      assertInvalidValue(() -> new Provenance("e", "r", null, "why"), "provenance", "ruleBaseVersion", "null", "a value");
      assertInvalidValue(() -> new Provenance("e", "r", "v", "\n"), "provenance", "reason", "\"\n\"", "a non-blank string");
    }

    @Test
    void provenance_manual_namesRuleAndVersionManual() {
      assertThat(Provenance.manual("ticket-9", "goodwill")).isEqualTo(new Provenance("ticket-9", "manual", "manual", "goodwill"));
    }

    @Test
    void pointLot_heldAndExpiring_answersTimeQuestionsInclusively() {
      // given
      PointLot lot = new PointLot("e1", "order-1", day(0), Points.of(10), Points.of(10), Points.ZERO, Optional.of(day(5)),
          Optional.of(day(3)), Optional.of(day(9)));

      // then
      assertThat(lot.isReleasedAt(day(3).minusNanos(1))).isFalse();
      assertThat(lot.isReleasedAt(day(3))).isTrue();
      assertThat(lot.isAvailableAt(day(3))).isTrue();
      assertThat(lot.isExpiredAt(day(9).minusNanos(1))).isFalse();
      assertThat(lot.isExpiredAt(day(9))).isTrue();
      assertThat(lot.isAvailableAt(day(9))).isFalse();
    }
  }
}
