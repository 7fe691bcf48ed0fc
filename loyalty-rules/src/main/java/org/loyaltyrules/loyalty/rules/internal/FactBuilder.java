package org.loyaltyrules.loyalty.rules.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.MemberSegment;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.Tier;
import org.loyaltyrules.loyalty.Upline;
import org.loyaltyrules.loyalty.rules.facts.AttributeFact;
import org.loyaltyrules.loyalty.rules.facts.CampaignFact;
import org.loyaltyrules.loyalty.rules.facts.CustomEventFact;
import org.loyaltyrules.loyalty.rules.facts.DayFact;
import org.loyaltyrules.loyalty.rules.facts.EventFact;
import org.loyaltyrules.loyalty.rules.facts.EventKind;
import org.loyaltyrules.loyalty.rules.facts.LineFact;
import org.loyaltyrules.loyalty.rules.facts.MemberFact;
import org.loyaltyrules.loyalty.rules.facts.OrderFact;
import org.loyaltyrules.loyalty.rules.facts.SegmentFact;
import org.loyaltyrules.loyalty.rules.facts.TierFact;
import org.loyaltyrules.loyalty.rules.facts.UplineFact;

/**
 * Turns an event and the member's state into the facts the rules see: the event, the member, the
 * order and its earning-base lines, the campaigns that may apply, the tiers with the qualifying
 * spend, the referral chain. Decides nothing itself beyond which campaigns are worth inserting.
 * Immutable and thread-safe.
 */
final class FactBuilder {

  /**
   * The facts of one paid order, and what the accounting needs of them.
   *
   * @param tier the member's tier when the order was paid
   * @param eligible the lines in the earning base, in order
   * @param nets each line's net after the order discount, by line id
   * @param spend the qualifying spend: the earning base's net
   * @param active the campaigns active for the order
   * @param uplines the referral chain as far as levels are paid
   * @param notices notices about the chain (a cycle cut)
   * @param facts everything inserted into the session
   */
  record OrderFacts(Tier tier, List<OrderLine> eligible, Map<String, Money> nets, BigDecimal spend, List<Campaign> active,
      List<Upline> uplines, List<String> notices, List<Object> facts) {}

  private final Programme programme;
  private final CampaignIndex campaigns;

  FactBuilder(Programme programme, CampaignIndex campaigns) {
    this.programme = programme;
    this.campaigns = campaigns;
  }

  /** The facts of a paid order. */
  OrderFacts orderPaid(Order order, DecisionContext context) {
    Member member = context.member().member();
    PointLedger ledger = context.member().ledger();
    Tier tier = programme.tiers().byCode(member.tierCode());
    Instant at = order.paidAt();
    LocalDate date = localDate(at);
    boolean birthdayMonth = isBirthdayMonth(member, date);

    Map<String, Money> nets = order.netAfterOrderDiscount();
    List<OrderLine> eligible = new ArrayList<>();
    List<LineFact> lineFacts = new ArrayList<>();
    BigDecimal spend = BigDecimal.ZERO;
    Set<String> skus = new HashSet<>();
    Set<String> categories = new HashSet<>();
    for (OrderLine line : order.lines()) {
      if (programme.isInEarningBase(line)) {
        BigDecimal net = nets.get(line.lineId()).amount();
        eligible.add(line);
        lineFacts.add(new LineFact(order.id(), line.lineId(), line.sku(), line.category(), line.quantity(), net));
        spend = spend.add(net);
        skus.add(line.sku());
        categories.add(line.category());
      }
    }
    // The first order with qualifying spend: a gift-card-only (or free) order neither is one nor uses it up.
    boolean firstOrder = spend.signum() > 0 && ledger.firstQualifyingOrder().isEmpty();
    MemberSegment segment = segment(member, ledger, at);
    LocalTime time = at.atZone(programme.zone()).toLocalTime();
    CampaignIndex.Audience audience = new CampaignIndex.Audience(member.tags(), segment.rfmClass(), true, order.store(),
        order.paymentMethod(), time);
    List<Campaign> active = new ArrayList<>(campaigns.activeForOrder(date, order.channel(), tier.code(), birthdayMonth,
        skus, categories, audience));
    // Event bonuses pay custom events only, within their limits: an order rule never sees one.
    active.removeIf(c -> c instanceof Campaign.EventBonus);
    List<Object> facts = new ArrayList<>();
    facts.add(new EventFact(EventKind.ORDER_PAID, order.id(), date));
    facts.add(memberFact(member, tier, birthdayMonth));
    facts.add(new SegmentFact(member.id(), segment));
    facts.add(new OrderFact(order.id(), order.channel().code(), date, spend, order.currency().getCurrencyCode(),
        order.lines().size(), firstOrder, order.store().orElse(""), order.paymentMethod().orElse(""),
        time.getHour() * 60 + time.getMinute()));
    facts.addAll(lineFacts);
    // An order only adds spend, so it can only move the member up: the tiers above theirs.
    facts.addAll(tierFacts(ledger, at, spend, tier.rank() + 1, programme.tiers().top().rank()));
    List<String> notices = new ArrayList<>();
    List<Upline> uplines = uplines(context, notices);
    for (Campaign campaign : active) {
      // Minimum spends (multipliers', bonuses', referrals') are conditions of the rules, not filters
      // here; a referral campaign only matters to a member with someone up the chain to pay.
      if (isCalendarCampaign(campaign)) {
        continue; // pays on day-started events only
      }
      if (!(campaign instanceof Campaign.ReferralBonus) || !uplines.isEmpty()) {
        facts.add(new CampaignFact(campaign));
      }
    }
    for (int level = 1; level <= uplines.size(); level++) {
      Upline upline = uplines.get(level - 1);
      facts.add(new UplineFact(upline.member().id(), level, upline.member().tierCode(), isBonusPaid(upline, member)));
    }
    return new OrderFacts(tier, eligible, nets, spend, active, uplines, notices, facts);
  }

  /** The facts of an enrolment: the member and the welcome campaigns active that day. */
  List<Object> memberEnrolled(LoyaltyEvent.MemberEnrolled event, Member member, PointLedger ledger) {
    Tier tier = programme.tiers().byCode(member.tierCode());
    LocalDate date = localDate(event.occurredAt());
    boolean birthdayMonth = isBirthdayMonth(member, date);
    MemberSegment segment = segment(member, ledger, event.occurredAt());
    List<Object> facts = new ArrayList<>();
    facts.add(new EventFact(EventKind.MEMBER_ENROLLED, event.eventId(), date));
    facts.add(memberFact(member, tier, birthdayMonth));
    facts.add(new SegmentFact(member.id(), segment));
    CampaignIndex.Audience audience = new CampaignIndex.Audience(member.tags(), segment.rfmClass(), false,
        Optional.empty(), Optional.empty(), event.occurredAt().atZone(programme.zone()).toLocalTime());
    for (Campaign campaign : campaigns.active(date, tier.code(), birthdayMonth, audience)) {
      if (campaign instanceof Campaign.WelcomeBonus) {
        facts.add(new CampaignFact(campaign));
      }
    }
    return facts;
  }

  /**
   * The facts of a day-started event.
   *
   * @param day the day as rules see it
   * @param facts everything inserted into the session
   */
  record DayFacts(DayFact day, List<Object> facts) {}

  /**
   * The facts of a day that started: the member, the day in the member's calendar, and the birthday
   * and anniversary campaigns active that day whose period the day lies in.
   */
  DayFacts dayStarted(LoyaltyEvent.DayStarted event, Member member, PointLedger ledger) {
    Tier tier = programme.tiers().byCode(member.tierCode());
    LocalDate date = event.date();
    boolean birthdayMonth = isBirthdayMonth(member, date);
    LocalDate enrolledOn = localDate(member.enrolledAt());
    int anniversary = date.getMonth() == enrolledOn.getMonth() && date.getYear() > enrolledOn.getYear()
        ? date.getYear() - enrolledOn.getYear() : 0;
    DayFact day = new DayFact(date, birthdayMonth, birthdayMonth && date.getDayOfMonth() == 1, anniversary);
    List<Object> facts = new ArrayList<>();
    facts.add(new EventFact(EventKind.DAY_STARTED, event.eventId(), date));
    facts.add(memberFact(member, tier, birthdayMonth));
    facts.add(day);
    MemberSegment segment = segment(member, ledger, event.occurredAt());
    facts.add(new SegmentFact(member.id(), segment));
    CampaignIndex.Audience audience = new CampaignIndex.Audience(member.tags(), segment.rfmClass(), false,
        Optional.empty(), Optional.empty(), event.occurredAt().atZone(programme.zone()).toLocalTime());
    for (Campaign campaign : campaigns.active(date, tier.code(), birthdayMonth, audience)) {
      boolean birthday = campaign instanceof Campaign.BirthdayBonus || campaign instanceof Campaign.BirthdayGift;
      if ((birthday && birthdayMonth) || (campaign instanceof Campaign.AnniversaryBonus && anniversary > 0)) {
        facts.add(new CampaignFact(campaign));
      }
    }
    return new DayFacts(day, facts);
  }

  /** Campaigns that pay on a day of the member's calendar, never on an order. */
  static boolean isCalendarCampaign(Campaign campaign) {
    return campaign instanceof Campaign.BirthdayBonus || campaign instanceof Campaign.AnniversaryBonus
        || campaign instanceof Campaign.BirthdayGift;
  }

  /**
   * The facts of a custom event: the event, its attributes, the member and the event-bonus campaigns
   * active that day for the event's type, the member's tier and birthday month. A custom event has
   * no channel, so campaigns limited to channels are left out.
   *
   * @param campaigns the campaigns inserted, for the accounting to read their limits
   * @param facts everything inserted into the session
   */
  record CustomFacts(List<Campaign.EventBonus> campaigns, List<Object> facts) {}

  /** The facts of a custom event. */
  CustomFacts customEvent(LoyaltyEvent.CustomEvent event, Member member, PointLedger ledger) {
    Tier tier = programme.tiers().byCode(member.tierCode());
    LocalDate date = localDate(event.occurredAt());
    boolean birthdayMonth = isBirthdayMonth(member, date);
    List<Object> facts = new ArrayList<>();
    facts.add(new EventFact(EventKind.CUSTOM_EVENT, event.eventId(), date));
    facts.add(memberFact(member, tier, birthdayMonth));
    facts.add(new CustomEventFact(event.eventId(), event.type(), date, event.attributes().size()));
    event.attributes().forEach((name, value) -> facts.add(new AttributeFact(name, value)));
    // The campaigns' audience conditions (tags, segment, time of day) hold for custom events too.
    MemberSegment segment = segment(member, ledger, event.occurredAt());
    facts.add(new SegmentFact(member.id(), segment));
    CampaignIndex.Audience audience = new CampaignIndex.Audience(member.tags(), segment.rfmClass(), false,
        Optional.empty(), Optional.empty(), event.occurredAt().atZone(programme.zone()).toLocalTime());
    List<Campaign.EventBonus> active = new ArrayList<>();
    for (Campaign campaign : campaigns.active(date, tier.code(), birthdayMonth, audience)) {
      if (campaign instanceof Campaign.EventBonus bonus && bonus.eventType().equals(event.type())
          && bonus.channels().isEmpty()) {
        active.add(bonus);
        facts.add(new CampaignFact(bonus));
      }
    }
    return new CustomFacts(active, facts);
  }

  /**
   * The facts of a tier review: the member and every tier above the entry tier (the floor, which
   * needs no qualification) with the spend in its window.
   */
  List<Object> tierReview(LoyaltyEvent.TierReview event, Member member, PointLedger ledger) {
    Tier current = programme.tiers().byCode(member.tierCode());
    List<Object> facts = new ArrayList<>();
    facts.add(new EventFact(EventKind.TIER_REVIEW, event.eventId(), localDate(event.occurredAt())));
    facts.add(memberFact(member, current, false));
    facts.add(new SegmentFact(member.id(), segment(member, ledger, event.occurredAt())));
    facts.addAll(tierFacts(ledger, event.occurredAt(), BigDecimal.ZERO, 1, programme.tiers().top().rank()));
    return facts;
  }

  /**
   * The facts of a refund that recomputes the member's tier: the member and the tiers from the first
   * above the entry tier up to theirs (a refund only takes spend away), with the spend left after it.
   *
   * @param after the member's ledger with the refund's clawbacks appended
   */
  List<Object> orderReturned(LoyaltyEvent.OrderReturned event, Member member, PointLedger after) {
    Tier current = programme.tiers().byCode(member.tierCode());
    List<Object> facts = new ArrayList<>();
    facts.add(new EventFact(EventKind.ORDER_RETURNED, event.eventId(), localDate(event.occurredAt())));
    facts.add(memberFact(member, current, false));
    facts.addAll(tierFacts(after, event.occurredAt(), BigDecimal.ZERO, 1, current.rank()));
    return facts;
  }

  /**
   * The tiers ranked {@code fromRank} to {@code toRank}, each with the qualifying spend in its own
   * window up to {@code at}, plus {@code extraSpend} (the order being decided).
   */
  private List<TierFact> tierFacts(PointLedger ledger, Instant at, BigDecimal extraSpend, int fromRank, int toRank) {
    List<TierFact> facts = new ArrayList<>();
    for (Tier tier : programme.tiers().tiers()) {
      if (tier.rank() < fromRank || tier.rank() > toRank) {
        continue;
      }
      Instant from = at.atZone(programme.zone()).minus(tier.window()).toInstant();
      BigDecimal spend = ledger.qualifyingSpend(from, at, programme.currency()).amount().add(extraSpend);
      facts.add(new TierFact(tier, spend));
    }
    return facts;
  }

  /** The referral chain as far as levels are paid, cut before any cycle or self-referral. */
  private List<Upline> uplines(DecisionContext context, List<String> notices) {
    Member member = context.member().member();
    List<Upline> chain = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    seen.add(member.id());
    Optional<String> expected = member.referrerId();
    for (Upline upline : context.uplines()) {
      if (chain.size() >= programme.maxReferralLevels() || expected.isEmpty()) {
        break;
      }
      String id = upline.member().id();
      if (!id.equals(expected.get())) {
        throw new InvalidValueException("decision context", "uplines[" + chain.size() + "].member.id", id,
            "the referrer of the previous member, " + expected.get());
      }
      if (!seen.add(id)) {
        notices.add("referral chain refused beyond level " + chain.size() + ": member " + id
            + " appears twice (a referral cycle)");
        break;
      }
      chain.add(upline);
      expected = upline.member().referrerId();
    }
    return chain;
  }

  /** Whether the upline's paid-bonus row is this referee's at its level; a row for another key is refused. */
  private static boolean isBonusPaid(Upline upline, Member referee) {
    EntryKey key = EntryKey.referralBonus(referee.id(), upline.level());
    if (upline.paidBonus().isPresent() && !upline.paidBonus().get().key().equals(key.text())) {
      throw new InvalidValueException("decision context", "uplines[" + (upline.level() - 1) + "].paidBonus.key",
          upline.paidBonus().get().key(), key.text() + " (the bonus for member " + referee.id() + " at level "
              + upline.level() + ")");
    }
    return upline.bonusPaid();
  }

  private MemberFact memberFact(Member member, Tier tier, boolean birthdayMonth) {
    return new MemberFact(member.id(), tier.code(), tier.rank(), birthdayMonth, localDate(member.enrolledAt()),
        member.tags(), member.referrerId().isPresent());
  }


  /** The member's segment from the ledger before the event, under the programme's policy. */
  private MemberSegment segment(Member member, PointLedger ledger, Instant at) {
    return MemberSegment.of(ledger, member.enrolledAt(), at, programme.zone(), programme.segmentPolicy());
  }

  private static boolean isBirthdayMonth(Member member, LocalDate date) {
    return member.birthday().map(b -> b.getMonth() == date.getMonth()).orElse(false);
  }

  private LocalDate localDate(Instant instant) {
    return instant.atZone(programme.zone()).toLocalDate();
  }
}
