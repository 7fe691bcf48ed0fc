package org.loyaltyrules.loyalty.rules.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.loyaltyrules.loyalty.BeyondHorizonException;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignLimits;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.Provenance;
import org.loyaltyrules.loyalty.rules.facts.Decisions;

/**
 * The entries of a custom event: one per event-bonus campaign the rules applied, within the
 * campaign's per-member limits (counted from the member's ledger: what the campaign already paid in
 * the event's local day, ISO week, month and ever) and its budgets (per member from the ledger, in
 * total from the host's {@link org.loyaltyrules.loyalty.CampaignBudgets}). A bonus the budgets cut
 * pays what is left of them, or nothing when nothing is. Only campaign bonuses pay on a custom event:
 * a bonus a rule names itself is ignored, so no rule pays a custom event past the campaign's limits.
 * Immutable and thread-safe.
 */
final class EventBonuses {
  /** Notices of a limit reached start with this. */
  static final String LIMIT_NOTICE = "event-limit: ";
  /** Notices of a budget cut start with this. */
  static final String BUDGET_NOTICE = "budget: ";

  /**
   * @param entries the entries to append
   * @param notices why a campaign paid less than its points, or nothing
   */
  record Result(List<LedgerEntry> entries, List<String> notices) {}

  private final Programme programme;
  private final String version;

  EventBonuses(Programme programme, String version) {
    this.programme = programme;
    this.version = version;
  }

  /**
   * Refuses, before the rules fire, an event whose limits would read entries a ledger rebuilt from a
   * checkpoint no longer holds: the start of a limited period before the horizon, or a lifetime
   * limit or member budget of a campaign that may have paid before it (one without a start date or
   * starting before the horizon).
   */
  void checkHorizon(List<Campaign.EventBonus> campaigns, LoyaltyEvent.CustomEvent event, PointLedger ledger) {
    Optional<Instant> horizon = ledger.horizon();
    if (horizon.isEmpty()) {
      return;
    }
    ZoneId zone = programme.zone();
    LocalDate date = event.occurredAt().atZone(zone).toLocalDate();
    for (Campaign.EventBonus campaign : campaigns) {
      CampaignLimits limits = campaign.limits();
      LocalDate reads = date;
      if (limits.perDay().isPresent()) {
        reads = date;
      }
      if (limits.perWeek().isPresent()) {
        reads = weekStart(date);
      }
      if (limits.perMonth().isPresent() && date.withDayOfMonth(1).isBefore(reads)) {
        reads = date.withDayOfMonth(1);
      }
      String what = "the start of the longest limited period";
      if (limits.readsLifetime()) {
        Optional<LocalDate> start = start(campaign.schedule());
        if (start.isEmpty()) {
          throw new BeyondHorizonException("custom event", "occurredAt", event.occurredAt(), horizon.get(),
              "campaign " + campaign.id() + " has a lifetime limit or member budget and no start date, so every award"
                  + " it ever paid counts");
        }
        reads = start.get().isBefore(reads) ? start.get() : reads;
        what = "the start of campaign " + campaign.id() + ", whose lifetime limit or member budget counts every award";
      }
      Instant from = reads.atStartOfDay(zone).toInstant();
      if (from.isBefore(horizon.get())) {
        throw new BeyondHorizonException("custom event", "occurredAt", event.occurredAt(), horizon.get(),
            what + ", " + from + ", must not precede it");
      }
    }
  }

  /** One entry per campaign the rules applied, within its limits and budgets. */
  Result entries(RuleOutputs out, LoyaltyEvent.CustomEvent event, DecisionContext context,
      List<Campaign.EventBonus> campaigns) {
    Map<String, Campaign.EventBonus> byId = new HashMap<>();
    campaigns.forEach(c -> byId.put(c.id(), c));
    PointLedger ledger = context.member().ledger();
    String memberId = context.member().member().id();
    List<LedgerEntry> entries = new ArrayList<>();
    List<String> notices = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Decisions.Bonus bonus : out.bonuses()) {
      if (!seen.add(bonus.id())) {
        continue;
      }
      Campaign.EventBonus campaign = byId.get(bonus.id());
      if (campaign == null) {
        notices.add("ignored: bonus " + bonus.id() + " of rule \"" + bonus.rule() + "\" is not an event-bonus campaign"
            + " active for this event; a custom event pays only its campaigns");
        continue;
      }
      EntryKey key = EntryKey.eventBonus(event.eventId(), campaign.id());
      if (ledger.contains(key)) {
        notices.add("duplicate: event " + event.eventId() + " already paid campaign " + campaign.id() + " (entry "
            + key.text() + " exists); nothing more");
        continue;
      }
      Paid paid = paid(ledger, campaign, event.occurredAt());
      String limit = limitReached(campaign, paid);
      if (limit != null) {
        notices.add(LIMIT_NOTICE + "campaign " + campaign.id() + " already paid " + limit + "; nothing paid for event "
            + event.eventId());
        continue;
      }
      long pay = campaign.points().value();
      CampaignLimits limits = campaign.limits();
      if (limits.memberBudget().isPresent()) {
        long left = Math.max(0, limits.memberBudget().get().value() - paid.points);
        if (left < pay) {
          notices.add(BUDGET_NOTICE + "campaign " + campaign.id() + " has " + left + " of its member budget of "
              + limits.memberBudget().get().value() + " points left; pays " + left + " of " + pay);
          pay = left;
        }
      }
      if (limits.totalBudget().isPresent() && pay > 0) {
        Optional<Points> used = context.budgets().usedBy(campaign.id());
        if (used.isEmpty()) {
          notices.add(BUDGET_NOTICE + "campaign " + campaign.id() + " has a total budget and the decision context"
              + " does not say what it used; pays nothing");
          pay = 0;
        } else {
          long left = Math.max(0, limits.totalBudget().get().value() - used.get().value());
          if (left < pay) {
            notices.add(BUDGET_NOTICE + "campaign " + campaign.id() + " has " + left + " of its total budget of "
                + limits.totalBudget().get().value() + " points left; pays " + left + " of " + pay);
            pay = left;
          }
        }
      }
      if (pay <= 0) {
        continue;
      }
      Instant at = event.occurredAt();
      entries.add(new LedgerEntry.Earned(key.text(), memberId, Points.of(pay), at,
          new Provenance(event.eventId(), bonus.rule(), version, "\"" + campaign.name() + "\": " + pay
              + " points for a " + event.type() + " event"),
          Money.zero(programme.currency()), List.of(), Optional.empty(), programme.expiryFor(at)));
    }
    return new Result(entries, notices);
  }

  /**
   * What a campaign already paid a member: awards in the local day, ISO week and month of {@code at}
   * and ever, and points ever. Every award counts where it was credited, whatever its event's order
   * of arrival, and clawbacks or expiry give nothing back.
   */
  private record Paid(int day, int week, int month, int lifetime, long points) {}

  private Paid paid(PointLedger ledger, Campaign.EventBonus campaign, Instant at) {
    ZoneId zone = programme.zone();
    LocalDate date = at.atZone(zone).toLocalDate();
    LocalDate week = weekStart(date);
    int day = 0;
    int inWeek = 0;
    int month = 0;
    int lifetime = 0;
    long points = 0;
    for (LedgerEntry entry : ledger.entries()) {
      if (!(entry instanceof LedgerEntry.Earned)
          || !(EntryKey.parse(entry.key()) instanceof EntryKey.EventBonus key)
          || !key.campaignId().equals(campaign.id())) {
        continue;
      }
      LocalDate paidOn = entry.occurredAt().atZone(zone).toLocalDate();
      lifetime++;
      points = Math.addExact(points, entry.points().value());
      if (paidOn.equals(date)) {
        day++;
      }
      if (!paidOn.isBefore(week) && paidOn.isBefore(week.plusDays(7))) {
        inWeek++;
      }
      if (paidOn.getYear() == date.getYear() && paidOn.getMonth() == date.getMonth()) {
        month++;
      }
    }
    return new Paid(day, inWeek, month, lifetime, points);
  }

  /** The first limit reached, as "N times on DATE (limit N per day)", or null. */
  private static String limitReached(Campaign.EventBonus campaign, Paid paid) {
    CampaignLimits limits = campaign.limits();
    String reached = reached(limits.perDay(), paid.day, "this local day", "day");
    if (reached == null) {
      reached = reached(limits.perWeek(), paid.week, "this ISO week", "week");
    }
    if (reached == null) {
      reached = reached(limits.perMonth(), paid.month, "this month", "month");
    }
    if (reached == null) {
      reached = reached(limits.lifetime(), paid.lifetime, "to this member", "lifetime");
    }
    return reached;
  }

  private static String reached(Optional<Integer> limit, int count, String when, String per) {
    return limit.isPresent() && count >= limit.get()
        ? count + " times " + when + " (limit " + limit.get() + " per " + per + ")" : null;
  }

  private static LocalDate weekStart(LocalDate date) {
    return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  /** The first date a schedule can run: its {@code from}, or its first date when it has only dates. */
  private static Optional<LocalDate> start(CampaignSchedule schedule) {
    if (schedule.from().isPresent()) {
      return schedule.from();
    }
    if (schedule.daysOfWeek().isEmpty() && schedule.monthDays().isEmpty() && !schedule.dates().isEmpty()) {
      return Optional.of(schedule.dates().iterator().next());
    }
    return Optional.empty();
  }
}
