package org.loyaltyrules.loyalty.rules.trial;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.Tier;
import org.loyaltyrules.loyalty.rules.facts.CampaignKind;
import org.loyaltyrules.loyalty.rules.RuleSource;
import org.loyaltyrules.loyalty.rules.check.RuleDeclarations;

// Longer than 400 lines because every story draws from one seeded random stream in a fixed order (the
// trial must be the same for the same programme and files), so the stories and order shapes share it.
/**
 * The events a {@link RuleTrial} plays, as stories: each story has its own members and fresh
 * ledgers, and its events run in order, each decided on the state the earlier ones left. Generated
 * stories are fixed for a programme and its rule files: every random choice comes from a generator
 * seeded with a hash of the programme's settings and of the values the rules compare with, and
 * every instant is a local time in the programme's zone.
 *
 * <ul>
 *   <li>one member per tier of the ladder: enrolment; an order a day for at least a week (every
 *       weekday, every channel: the four well-known ones and any a rule or campaign names), in
 *       seven shapes (one line; several lines with line and order discounts, shipping and an
 *       excluded line; a free order; an order of excluded lines or of one minor unit; one reaching
 *       the next tier's threshold; lines of every SKU and category the rules name; one paid a
 *       second before local midnight); early release of pending points; a partial return, the
 *       rest of that order, a whole return of another; a redemption and its cancellation; a tier
 *       review; an expiry run after everything expired; a review a window later;
 *   <li>a referral chain one level longer than the programme pays, with the members at every tier:
 *       the referee's first and second orders, the whole return of the first, a review;
 *   <li>a referral cycle (two members referring each other) placing an order;
 *   <li>up to {@value #MAX_CAMPAIGNS} of the programme's campaigns (every kind, chosen by the seeded
 *       generator when there are more), each on its first active day, for a member it applies to:
 *       enrolment (on the day, for a welcome bonus), a near miss and an order reaching a threshold,
 *       an order of the lines a multiplier targets, then a return.
 * </ul>
 */
final class TrialScript {
  /** The first day of the generated stories: a Monday, so a week of daily orders meets every weekday. */
  static final LocalDate FIRST_DAY = LocalDate.of(2025, 3, 3);
  /** The most campaigns the generated stories play. */
  static final int MAX_CAMPAIGNS = 24;
  private static final int MAX_NAMED = 8;
  private static final int MAX_CHANNELS = 12;
  private static final int MAX_UPLINES = 6;
  private static final int SEARCH_DAYS = 3 * 366;
  private static final List<Channel> WELL_KNOWN = List.of(Channel.ONLINE_STORE, Channel.POS, Channel.SOCIAL, Channel.APP);
  private static final Pattern CHANNEL_CODE = Pattern.compile("[a-z][a-z0-9-]{0,39}");
  private static final Pattern COMPARED =
      Pattern.compile("\\b(sku|category|channel)\\s*(?:==|!=)\\s*\"([^\"\\\\\\n]{1,80})\"");
  private static final Pattern LISTED =
      Pattern.compile("\\b(sku|category|channel)\\s+(?:not\\s+)?in\\s*\\(([^)\\n]{0,2000})\\)");
  private static final Pattern TAGGED = Pattern.compile("\\btags\\s+(?:not\\s+)?contains\\s+\"([^\"\\\\\\n]{1,80})\"");
  private static final Pattern STRING = Pattern.compile("\"([^\"\\\\\\n]{1,80})\"");

  /**
   * One story: its members, joined with empty ledgers, or the context a host passed; and its steps.
   *
   * @param label how problems name where the event came from: "generated" or "sample"
   * @param members the members to join
   * @param given the host's context for a sample event, if it passed one
   * @param steps the steps, in order
   */
  record Story(String label, List<Member> members, Optional<org.loyaltyrules.loyalty.DecisionContext> given,
      List<Step> steps) {}

  /** The next event of a story, made from the state it reached; {@code null} when the step only set up state. */
  @FunctionalInterface
  interface Step {
    LoyaltyEvent next(TrialHost host);
  }

  private final Programme programme;
  private final ZoneId zone;
  private final Currency currency;
  private final SplittableRandom random;
  private final List<Channel> channels = new ArrayList<>();
  private final List<String> skus = new ArrayList<>();
  private final List<String> categories = new ArrayList<>();
  private final Set<String> tags;
  private final Optional<String> excludedSku;
  private final Optional<String> excludedCategory;

  private TrialScript(Programme programme, List<RuleSource> sources) {
    this.programme = programme;
    this.zone = programme.zone();
    this.currency = programme.currency();
    Map<String, TreeSet<String>> named = named(sources);
    StringBuilder seed = new StringBuilder().append(currency).append('|').append(zone).append('|')
        .append(programme.tiers()).append('|').append(new TreeSet<>(programme.excludedSkus())).append('|')
        .append(new TreeSet<>(programme.excludedCategories())).append('|').append(named);
    TreeSet<String> channelCodes = new TreeSet<>(named.get("channel"));
    for (Campaign campaign : programme.campaigns()) {
      seed.append('|').append(campaign.id());
      campaign.channels().forEach(c -> channelCodes.add(c.code()));
    }
    this.random = new SplittableRandom(fnv(seed.toString()));
    channels.addAll(WELL_KNOWN);
    for (String code : channelCodes) {
      if (channels.size() < MAX_CHANNELS && CHANNEL_CODE.matcher(code).matches() && !channels.contains(Channel.of(code))) {
        channels.add(Channel.of(code));
      }
    }
    skus.addAll(named.get("sku"));
    skus.addAll(List.of("TRIAL-SKU-1", "TRIAL-SKU-2"));
    categories.addAll(named.get("category"));
    categories.addAll(List.of("trial-a", "trial-b"));
    this.tags = named.get("tag");
    this.excludedSku = programme.excludedSkus().stream().sorted().findFirst();
    this.excludedCategory = programme.excludedCategories().stream().sorted().findFirst();
  }

  /**
   * @param programme the programme, with its ladder and campaigns
   * @param sources the rule files: the SKUs, categories, channels and tags they compare with are used
   * @return the generated stories
   */
  static List<Story> generated(Programme programme, List<RuleSource> sources) {
    TrialScript script = new TrialScript(programme, sources);
    List<Story> stories = new ArrayList<>();
    for (Tier tier : programme.tiers().tiers()) {
      stories.add(script.tierStory(tier));
    }
    stories.add(script.referralStory());
    stories.add(script.cycleStory());
    List<Campaign> chosen = script.chooseCampaigns();
    for (int i = 0; i < chosen.size(); i++) {
      script.campaignStory(chosen.get(i), i).ifPresent(stories::add);
    }
    return stories;
  }

  /**
   * A host's sample event as a story. With the host's context, the event is decided on copies of
   * its ledgers. Without, on a fresh member on the entry tier, after what the event needs: the
   * order paid (for a return), the points credited (for a redemption), the redemption made (for a
   * cancellation).
   */
  static Story sample(Programme programme, RuleTrial.SampleEvent sample) {
    LoyaltyEvent event = sample.event();
    if (sample.context().isPresent()) {
      return new Story("sample", List.of(), sample.context(), List.of(h -> event));
    }
    String memberId = event.memberId();
    Instant at = event.occurredAt();
    Instant before = at;
    Member member = Member.of(memberId, event instanceof LoyaltyEvent.MemberEnrolled ? at : before.minus(Duration.ofDays(1)),
        programme.tiers().entry().code());
    List<Step> steps = new ArrayList<>();
    // A return without its context finds no order in a fresh ledger and is refused as input (reported):
    // the order it names lives only in the host's ledger.
    if (event instanceof LoyaltyEvent.PointsRedeemed redeemed) {
      steps.add(h -> {
        h.credit(memberId, redeemed.points().value(), at.minus(Duration.ofMinutes(1)));
        return null;
      });
    } else if (event instanceof LoyaltyEvent.RedemptionCancelled cancelled) {
      long points = Math.max(1, programme.minimumRedemption().value());
      steps.add(h -> {
        h.credit(memberId, points, at.minus(Duration.ofMinutes(2)));
        return null;
      });
      steps.add(h -> new LoyaltyEvent.PointsRedeemed(cancelled.redemptionId(), memberId, Points.of(points),
          at.minus(Duration.ofMinutes(1))));
    }
    steps.add(h -> event);
    return new Story("sample", List.of(member), Optional.empty(), steps);
  }

  // ------------------------------------------------------------------ what the rules name

  /** The literals the rules compare SKUs, categories, channels and tags with, at most a few of each. */
  private static Map<String, TreeSet<String>> named(List<RuleSource> sources) {
    Map<String, TreeSet<String>> named = new TreeMap<>();
    for (String kind : List.of("sku", "category", "channel", "tag")) {
      named.put(kind, new TreeSet<>());
    }
    for (RuleSource source : sources) {
      String text = RuleDeclarations.withoutComments(source.content());
      Matcher compared = COMPARED.matcher(text);
      while (compared.find()) {
        named.get(compared.group(1)).add(compared.group(2));
      }
      Matcher listed = LISTED.matcher(text);
      while (listed.find()) {
        Matcher value = STRING.matcher(listed.group(2));
        while (value.find()) {
          named.get(listed.group(1)).add(value.group(1));
        }
      }
      Matcher tagged = TAGGED.matcher(text);
      while (tagged.find()) {
        named.get("tag").add(tagged.group(1));
      }
    }
    for (TreeSet<String> values : named.values()) {
      values.removeIf(String::isBlank);
      while (values.size() > MAX_NAMED) {
        values.pollLast();
      }
    }
    return named;
  }

  /** FNV-1a, 64 bits: a seed that is the same on every JVM (unlike identity hashes). */
  private static long fnv(String text) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xFF;
      hash *= 0x100000001b3L;
    }
    return hash;
  }

  // ------------------------------------------------------------------ stories

  private Story tierStory(Tier tier) {
    String id = "trial-tier-" + tier.rank();
    Member member = new Member(id, at(FIRST_DAY.minusDays(1), 0), tier.code(),
        tier.rank() == 0 ? Optional.of(MonthDay.from(FIRST_DAY)) : Optional.empty(), Optional.empty(),
        tier.rank() % 2 == 1 ? tags : Set.of());
    List<Step> steps = new ArrayList<>();
    steps.add(h -> new LoyaltyEvent.MemberEnrolled(id + "-enrolled", id, member.enrolledAt()));
    int days = Math.max(7, channels.size());
    Order single = null;
    Order several = null;
    for (int k = 0; k < days; k++) {
      Channel channel = channels.get((k + tier.rank()) % channels.size());
      Order order = order(k % 7, id + "-o" + k, id, FIRST_DAY.plusDays(k), channel, tier);
      single = k == 0 ? order : single;
      several = k == 1 ? order : several;
      steps.add(h -> new LoyaltyEvent.OrderPaid(order));
    }
    LocalDate after = FIRST_DAY.plusDays(days);
    Order partly = several;
    Order whole = single;
    steps.add(h -> new LoyaltyEvent.PendingReleased(id + "-released", id, partly.id(), at(after, 5)));
    // Returns name only lines the ledger recorded: a line outside the earning base earned nothing to return.
    List<OrderLine> recorded = partly.lines().stream().filter(programme::isInEarningBase).toList();
    if (!recorded.isEmpty()) {
      OrderLine first = recorded.get(0);
      steps.add(h -> LoyaltyEvent.OrderReturned.of(id + "-r1", partly,
          List.of(new LoyaltyEvent.ReturnedLine(first.lineId(), 1)), at(after, 10)));
      List<LoyaltyEvent.ReturnedLine> rest = new ArrayList<>();
      for (OrderLine line : recorded) {
        int left = line == first ? line.quantity() - 1 : line.quantity();
        if (left > 0) {
          rest.add(new LoyaltyEvent.ReturnedLine(line.lineId(), left));
        }
      }
      if (!rest.isEmpty()) {
        steps.add(h -> LoyaltyEvent.OrderReturned.of(id + "-r2", partly, rest, at(after, 20)));
      }
    }
    steps.add(h -> LoyaltyEvent.OrderReturned.whole(id + "-r3", whole, at(after, 30)));
    addRedemption(steps, id, after.plusDays(1));
    steps.add(h -> new LoyaltyEvent.TierReview(id + "-review1", id, at(after.plusDays(2), 0)));
    Instant lastCredit = at(after.plusDays(2), 0);
    Instant expiry = programme.expiryFor(lastCredit).orElse(lastCredit.plus(Duration.ofDays(400))).plus(Duration.ofDays(1));
    steps.add(h -> new LoyaltyEvent.ExpiryRun(id + "-expiry", id, expiry));
    LocalDate windowLater = after.plusDays(3);
    for (Tier t : programme.tiers().tiers()) {
      windowLater = max(windowLater, after.plusDays(3).plus(t.window()).plusMonths(1));
    }
    Instant review = max(at(windowLater, 0), expiry.plus(Duration.ofDays(1)));
    steps.add(h -> new LoyaltyEvent.TierReview(id + "-review2", id, review));
    return new Story("generated", List.of(member), Optional.empty(), steps);
  }

  /** Credits what a redemption needs (state built in Java), redeems about half, cancels the redemption. */
  private void addRedemption(List<Step> steps, String memberId, LocalDate day) {
    long minimum = programme.minimumRedemption().value();
    String redemption = memberId + "-redeemed";
    steps.add(h -> {
      long available = h.ledger(memberId).available(at(day, 0)).value();
      h.credit(memberId, Math.addExact(minimum + 100, Math.max(0, -available)), at(day, 0));
      return null;
    });
    steps.add(h -> {
      long available = h.ledger(memberId).available(at(day, 1)).value();
      long points = Math.min(available, Math.max(minimum, available / 2));
      return points >= minimum && points > 0
          ? new LoyaltyEvent.PointsRedeemed(redemption, memberId, Points.of(points), at(day, 1))
          : null;
    });
    steps.add(h -> h.decided(redemption)
        ? new LoyaltyEvent.RedemptionCancelled(memberId + "-cancelled", memberId, redemption, at(day, 2))
        : null);
  }

  private Story referralStory() {
    List<Tier> ladder = programme.tiers().tiers();
    int levels = Math.min(programme.maxReferralLevels() + 1, MAX_UPLINES);
    List<Member> members = new ArrayList<>();
    for (int level = 1; level <= levels; level++) {
      Optional<String> referrer = level < levels ? Optional.of("trial-upline-" + (level + 1)) : Optional.empty();
      members.add(new Member("trial-upline-" + level, at(FIRST_DAY.minusDays(30 + level), 0),
          ladder.get(level % ladder.size()).code(), Optional.empty(), referrer, tags));
    }
    String id = "trial-referee";
    Member referee = new Member(id, at(FIRST_DAY, 0), programme.tiers().entry().code(), Optional.empty(),
        levels > 0 ? Optional.of("trial-upline-1") : Optional.empty(), tags);
    members.add(referee);
    Tier entry = programme.tiers().entry();
    Order first = order(0, id + "-o0", id, FIRST_DAY, Channel.ONLINE_STORE, entry);
    Order second = order(1, id + "-o1", id, FIRST_DAY.plusDays(1), Channel.APP, entry);
    List<Step> steps = new ArrayList<>();
    steps.add(h -> new LoyaltyEvent.MemberEnrolled(id + "-enrolled", id, referee.enrolledAt()));
    steps.add(h -> new LoyaltyEvent.OrderPaid(first));
    steps.add(h -> new LoyaltyEvent.OrderPaid(second));
    steps.add(h -> LoyaltyEvent.OrderReturned.whole(id + "-r1", first, at(FIRST_DAY.plusDays(2), 0)));
    steps.add(h -> new LoyaltyEvent.TierReview(id + "-review", id, at(FIRST_DAY.plusDays(3), 0)));
    return new Story("generated", members, Optional.empty(), steps);
  }

  private Story cycleStory() {
    String entry = programme.tiers().entry().code();
    Member a = new Member("trial-cycle-a", at(FIRST_DAY.minusDays(2), 0), entry, Optional.empty(),
        Optional.of("trial-cycle-b"), Set.of());
    Member b = new Member("trial-cycle-b", at(FIRST_DAY.minusDays(2), 0), entry, Optional.empty(),
        Optional.of("trial-cycle-a"), Set.of());
    Order order = order(0, "trial-cycle-a-o0", a.id(), FIRST_DAY, Channel.POS, programme.tiers().entry());
    return new Story("generated", List.of(a, b), Optional.empty(), List.of(h -> new LoyaltyEvent.OrderPaid(order)));
  }

  /** All campaigns up to the bound; past it, a seeded choice taking each kind in turn. */
  private List<Campaign> chooseCampaigns() {
    List<Campaign> all = new ArrayList<>(programme.campaigns());
    all.sort((x, y) -> x.id().compareTo(y.id()));
    if (all.size() <= MAX_CAMPAIGNS) {
      return all;
    }
    Map<CampaignKind, List<Campaign>> byKind = new TreeMap<>();
    for (Campaign campaign : all) {
      byKind.computeIfAbsent(CampaignKind.of(campaign), k -> new ArrayList<>()).add(campaign);
    }
    List<Campaign> chosen = new ArrayList<>();
    while (chosen.size() < MAX_CAMPAIGNS) {
      for (List<Campaign> ofKind : byKind.values()) {
        if (!ofKind.isEmpty() && chosen.size() < MAX_CAMPAIGNS) {
          chosen.add(ofKind.remove(random.nextInt(ofKind.size())));
        }
      }
    }
    return chosen;
  }

  private Optional<Story> campaignStory(Campaign campaign, int index) {
    Optional<LocalDate> active = firstActiveDay(campaign);
    if (active.isEmpty()) {
      return Optional.empty(); // a campaign that never runs decides nothing (and is warned about on loading)
    }
    LocalDate day = active.get();
    Tier tier = campaign.tiers().stream().filter(programme.tiers().codes()::contains).findFirst()
        .map(programme.tiers()::byCode).orElse(programme.tiers().entry());
    Channel channel = campaign.channels().isEmpty() ? channels.get(index % channels.size())
        : campaign.channels().iterator().next();
    boolean welcome = campaign instanceof Campaign.WelcomeBonus;
    String id = "trial-campaign-" + index;
    Member member = new Member(id, welcome ? at(day, 0) : at(day.minusDays(1), 0), tier.code(),
        campaign.birthdayMonthOnly() ? Optional.of(MonthDay.of(day.getMonth(), 1)) : Optional.empty(),
        Optional.empty(), Set.of());
    List<Step> steps = new ArrayList<>();
    steps.add(h -> new LoyaltyEvent.MemberEnrolled(id + "-enrolled", id, member.enrolledAt()));
    List<OrderLine> lines = campaignLines(campaign);
    Money subtotal = Money.zero(currency);
    for (OrderLine line : lines) {
      subtotal = subtotal.plus(line.net());
    }
    Optional<Money> minSpend = campaign.minSpend();
    if (minSpend.isPresent() && minSpend.get().isGreaterThan(subtotal)) {
      lines.add(OrderLine.of("L" + (lines.size() + 1), skus.get(0), categories.get(0), 1,
          minSpend.get().minus(subtotal).plus(major(1))));
    }
    if (campaign instanceof Campaign.ThresholdBonus && minSpend.isPresent()
        && minSpend.get().isGreaterThan(minorUnit())) {
      Order nearMiss = new Order(id + "-o0", id, at(day, 10), channel, currency,
          List.of(OrderLine.of("L1", skus.get(0), categories.get(0), 1, minSpend.get().minus(minorUnit()))),
          Money.zero(currency), Money.zero(currency));
      steps.add(h -> new LoyaltyEvent.OrderPaid(nearMiss));
    }
    Order order = new Order(id + "-o1", id, at(day, 20), channel, currency, lines, Money.zero(currency),
        Money.zero(currency));
    steps.add(h -> new LoyaltyEvent.OrderPaid(order));
    OrderLine first = order.lines().get(0);
    steps.add(first.quantity() > 1 && programme.isInEarningBase(first)
        ? h -> LoyaltyEvent.OrderReturned.of(id + "-r1", order, List.of(new LoyaltyEvent.ReturnedLine(first.lineId(), 1)),
            at(day.plusDays(1), 0))
        : h -> LoyaltyEvent.OrderReturned.whole(id + "-r1", order, at(day.plusDays(1), 0)));
    return Optional.of(new Story("generated", List.of(member), Optional.empty(), steps));
  }

  private Optional<LocalDate> firstActiveDay(Campaign campaign) {
    LocalDate start = campaign.schedule().from().orElse(FIRST_DAY);
    for (LocalDate day = start; !day.isAfter(start.plusDays(SEARCH_DAYS)); day = day.plusDays(1)) {
      if (campaign.schedule().to().isPresent() && day.isAfter(campaign.schedule().to().get())) {
        break;
      }
      if (campaign.schedule().isActiveOn(day)) {
        return Optional.of(day);
      }
    }
    return Optional.empty();
  }

  /** Lines of what a campaign targets (two units each, so a partial return is possible). */
  private List<OrderLine> campaignLines(Campaign campaign) {
    List<OrderLine> lines = new ArrayList<>();
    Set<String> targetSkus = campaign instanceof Campaign.Multiplier m ? m.skus() : Set.of();
    Set<String> targetCategories = campaign instanceof Campaign.Multiplier m ? m.categories() : Set.of();
    for (String sku : targetSkus) {
      if (lines.size() < 4) {
        lines.add(OrderLine.of("L" + (lines.size() + 1), sku, categories.get(0), 2, major(price(100, 500))));
      }
    }
    for (String category : targetCategories) {
      if (lines.size() < 8) {
        lines.add(OrderLine.of("L" + (lines.size() + 1), skus.get(0), category, 2, major(price(100, 500))));
      }
    }
    if (lines.isEmpty()) {
      lines.add(OrderLine.of("L1", skus.get(0), categories.get(0), 2, major(price(100, 500))));
      lines.add(OrderLine.of("L2", skus.get(1), categories.get(1), 1, major(price(50, 300))));
    }
    return lines;
  }

  // ------------------------------------------------------------------ orders

  /** One of seven order shapes (see the class description), paid on a day in the programme's zone. */
  private Order order(int shape, String orderId, String memberId, LocalDate day, Channel channel, Tier tier) {
    Money zero = Money.zero(currency);
    Instant paidAt = at(day, 30);
    List<OrderLine> lines = new ArrayList<>();
    Money discount = zero;
    Money shipping = zero;
    switch (shape) {
      case 0 -> lines.add(OrderLine.of("L1", skus.get(0), categories.get(0), 1, major(price(50, 300))));
      case 1 -> {
        Money unit = major(price(100, 400));
        lines.add(OrderLine.of("L1", skus.get(0), categories.get(0), 2, unit));
        lines.add(new OrderLine("L2", skus.get(1), categories.get(1), 1, unit, major(1)));
        lines.add(OrderLine.of("L3", excludedSku.orElse(skus.get(skus.size() - 1)),
            excludedCategory.orElse(categories.get(categories.size() - 1)), 1, major(price(100, 500))));
        discount = major(5);
        shipping = major(60);
      }
      case 2 -> lines.add(OrderLine.of("L1", skus.get(0), categories.get(0), 1, zero));
      case 3 -> {
        if (excludedSku.isPresent() || excludedCategory.isPresent()) {
          lines.add(OrderLine.of("L1", excludedSku.orElse(skus.get(0)), excludedCategory.orElse(categories.get(0)), 1,
              major(price(100, 1000))));
        } else {
          lines.add(OrderLine.of("L1", skus.get(0), categories.get(0), 1, minorUnit()));
        }
      }
      case 4 -> {
        Tier next = programme.tiers().above(tier).orElse(programme.tiers().top());
        lines.add(OrderLine.of("L1", skus.get(0), categories.get(0), 1, next.threshold().plus(major(1))));
      }
      case 5 -> {
        for (String sku : skus) {
          lines.add(OrderLine.of("L" + (lines.size() + 1), sku, categories.get(0), 1 + random.nextInt(3),
              major(price(20, 400))));
        }
        for (String category : categories) {
          lines.add(OrderLine.of("L" + (lines.size() + 1), skus.get(0), category, 1 + random.nextInt(3),
              major(price(20, 400))));
        }
      }
      default -> paidAt = day.atTime(LocalTime.of(23, 59, 59)).atZone(zone).toInstant();
    }
    if (lines.isEmpty()) {
      lines.add(OrderLine.of("L1", skus.get(0), categories.get(0), 3, major(price(20, 80))));
    }
    return new Order(orderId, memberId, paidAt, channel, currency, lines, discount, shipping);
  }

  private long price(int low, int high) {
    return low + random.nextInt(high - low + 1);
  }

  private Money major(long units) {
    return Money.of(BigDecimal.valueOf(units), currency);
  }

  private Money minorUnit() {
    return Money.of(BigDecimal.ONE.movePointLeft(Math.max(0, currency.getDefaultFractionDigits())), currency);
  }

  /** A local time on a day in the programme's zone: 10:00 plus some minutes, so a story's steps keep their order. */
  private Instant at(LocalDate day, int minutes) {
    return day.atTime(LocalTime.of(10, 0)).plusMinutes(minutes).atZone(zone).toInstant();
  }

  private static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
