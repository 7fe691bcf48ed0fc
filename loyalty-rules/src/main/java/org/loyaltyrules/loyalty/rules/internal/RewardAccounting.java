package org.loyaltyrules.loyalty.rules.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.EngineRule;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LineShare;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.Provenance;
import org.loyaltyrules.loyalty.rules.facts.DayFact;
import org.loyaltyrules.loyalty.rules.facts.Decisions;

/**
 * The entries of calendar bonuses and non-point rewards, and of rewards a refund revokes. Every entry is
 * keyed by its period or order, so the same output decided twice (a day sent twice, every day of a
 * birthday month, a redelivered order) is credited once. Stateless.
 */
final class RewardAccounting {
  private RewardAccounting() {}

  /**
   * The entries of a day-started event: a birthday bonus or gift once per birthday year, an anniversary
   * bonus once per anniversary, a bonus or reward a rule names once per local month.
   */
  static List<LedgerEntry> dayStarted(Programme programme, String version, LoyaltyEvent.DayStarted event,
      DayFact day, RuleOutputs out, PointLedger ledger) {
    String member = event.memberId();
    Instant at = event.occurredAt();
    YearMonth month = YearMonth.from(event.date());
    List<LedgerEntry> entries = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Decisions.CalendarBonus bonus : out.calendarBonuses()) {
      Campaign.Bonus campaign = (Campaign.Bonus) bonus.campaign().campaign();
      EntryKey key = campaign instanceof Campaign.AnniversaryBonus
          ? EntryKey.anniversaryBonus(member, day.getAnniversaryYears(), campaign.id())
          : EntryKey.birthdayBonus(member, day.getYear(), campaign.id());
      credit(programme, version, event, key, campaign.points().value(), bonus.rule(),
          campaign.name() + ": " + campaign.points() + " points", ledger, seen, entries);
    }
    for (Decisions.Bonus bonus : out.bonuses()) {
      credit(programme, version, event, EntryKey.monthBonus(member, month, bonus.id()), bonus.points(), bonus.rule(),
          bonus.reason() + ": " + bonus.points() + " points", ledger, seen, entries);
    }
    for (Decisions.Reward reward : out.rewards()) {
      EntryKey key = reward.gift() != null ? EntryKey.birthdayReward(member, day.getYear(), reward.id())
          : EntryKey.monthReward(member, month, reward.id());
      if (!ledger.contains(key) && seen.add(key.text())) {
        entries.add(new LedgerEntry.RewardGranted(key.text(), member, at,
            new Provenance(event.eventId(), reward.rule(), version, reward.reason()), reward.code(), reward.quantity(),
            Optional.empty(), Optional.empty()));
      }
    }
    return entries;
  }

  private static void credit(Programme programme, String version, LoyaltyEvent.DayStarted event, EntryKey key,
      long points, String rule, String reason, PointLedger ledger, Set<String> seen, List<LedgerEntry> entries) {
    if (ledger.contains(key) || !seen.add(key.text())) {
      return;
    }
    Instant at = event.occurredAt();
    entries.add(new LedgerEntry.Earned(key.text(), event.memberId(), Points.of(points), at,
        new Provenance(event.eventId(), rule, version, reason), Money.zero(programme.currency()), List.of(),
        Optional.empty(), programme.expiryFor(at)));
  }

  /** The rewards of a paid order, once per order and gift campaign (or code a rule names). */
  static List<LedgerEntry> orderPaid(String version, Order order, RuleOutputs out) {
    List<LedgerEntry> entries = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Decisions.Reward reward : out.rewards()) {
      EntryKey key = EntryKey.orderReward(order.id(), reward.id());
      if (seen.add(key.text())) {
        Optional<Money> minSpend = reward.gift() == null ? Optional.empty() : reward.gift().campaign().minSpend();
        entries.add(new LedgerEntry.RewardGranted(key.text(), order.memberId(), order.paidAt(),
            new Provenance(order.id(), reward.rule(), version, reward.reason()), reward.code(), reward.quantity(),
            Optional.of(order.id()), minSpend));
      }
    }
    return entries;
  }

  /**
   * The revocations a return makes, by the programme's policy: of the order's outstanding rewards, every
   * one once the order is fully returned; under {@link Programme.RewardRefundPolicy#REVOKE_WHEN_BELOW_THRESHOLD}
   * also each whose threshold the earning base left after the return no longer reaches.
   *
   * @param base the order's base entry
   * @param ledger the ledger before the return
   * @param after the ledger with the return's clawbacks
   * @param fullyReturned whether every unit of the order is now returned
   */
  static List<LedgerEntry> revocations(Programme programme, String version, LoyaltyEvent.OrderReturned event,
      LedgerEntry.Earned base, PointLedger ledger, PointLedger after, boolean fullyReturned) {
    Programme.RewardRefundPolicy policy = programme.rewardRefundPolicy();
    if (policy == Programme.RewardRefundPolicy.KEEP) {
      return List.of();
    }
    BigDecimal left = base.spend().amount();
    for (LineShare share : after.reversedLines(base.key()).values()) {
      left = left.subtract(share.spend().amount());
    }
    List<LedgerEntry> entries = new ArrayList<>();
    for (LedgerEntry.RewardGranted grant : ledger.outstandingRewards()) {
      if (!grant.sourceOrderId().equals(Optional.of(event.orderId()))) {
        continue;
      }
      boolean below = policy == Programme.RewardRefundPolicy.REVOKE_WHEN_BELOW_THRESHOLD
          && grant.minSpend().isPresent() && left.compareTo(grant.minSpend().get().amount()) < 0;
      if (!fullyReturned && !below) {
        continue;
      }
      String why = fullyReturned ? "order " + event.orderId() + " was fully refunded"
          : "order " + event.orderId() + " has " + Money.of(left, programme.currency()) + " left after return "
              + event.eventId() + ", below the " + grant.minSpend().get() + " the reward required";
      entries.add(new LedgerEntry.RewardRevoked(EntryKey.rewardRevocation(EntryKey.parse(grant.key())).text(),
          grant.memberId(), event.occurredAt(),
          new Provenance(event.eventId(), EngineRule.REWARD_REVOKE, version, why + "; " + grant.quantity() + " × "
              + grant.reward() + " revoked"), grant.key(), grant.reward(), grant.quantity()));
    }
    return entries;
  }
}
