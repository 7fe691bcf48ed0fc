package org.loyaltyrules.loyalty.examples.benchmarks;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.LoyaltyEngine;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.MemberState;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;

/**
 * Seeded, realistic benchmark input for the default Taiwanese programme: a catalogue of SKUs in
 * categories, members of mixed tiers with a purchase history, paid orders of 1–20 lines spread
 * over 2025 with a double-points day (11/11), and campaign calendars of any size.
 *
 * <p>Everything is derived from the seed, so two runs (and the engine and the hand-written
 * programme) see the same orders.
 */
public final class Workload {
  /** The programme currency. */
  public static final Currency TWD = Currency.getInstance("TWD");
  /** The programme zone. */
  public static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
  /** The year the orders and dated campaigns fall in. */
  public static final int YEAR = 2025;
  /** The double-points day. */
  public static final MonthDay DOUBLE_POINTS_DAY = MonthDay.of(11, 11);

  static final String[] CATEGORIES = {
    "apparel", "shoes", "bags", "accessories", "beauty", "skincare", "fragrance", "electronics", "phones",
    "audio", "home", "kitchen", "bedding", "toys", "books", "stationery", "sports", "outdoor", "food",
    "snacks", "drinks", "pets", "garden", "baby"
  };
  static final String GIFT_CARD = "gift-card";

  private static final Channel[] CHANNELS = {Channel.ONLINE_STORE, Channel.APP, Channel.POS, Channel.SOCIAL};
  private static final int[] CHANNEL_WEIGHTS = {50, 30, 15, 5};

  /** One SKU of the catalogue. */
  record Product(String sku, String category, long price) {}

  private final List<Product> catalogue;
  private final Random random;

  /**
   * @param seed the seed everything derives from
   */
  public Workload(long seed) {
    this.random = new Random(seed);
    this.catalogue = catalogue(new Random(seed ^ 0x5EEDL), 2_000);
  }

  private static List<Product> catalogue(Random random, int size) {
    List<Product> products = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
      // Log-uniform prices from NT$49 to about NT$5,000, in whole dollars as Taiwanese shops price.
      long price = Math.round(49 * Math.pow(100, random.nextDouble()));
      products.add(new Product(String.format(java.util.Locale.ROOT, "SKU-%05d", i), category, price));
    }
    for (int value : new int[] {500, 1000, 2000}) {
      products.add(new Product("GC-" + value, GIFT_CARD, value));
    }
    return List.copyOf(products);
  }

  // ---------------------------------------------------------------- campaigns

  /**
   * The ten campaigns of the default scenario: a double-points day (11/11), an app Wednesday,
   * category and SKU promotions, an exclusive pair of electronics campaigns, a gold birthday-month
   * multiplier, a first-order bonus and a NT$1,499 threshold bonus.
   *
   * @return the campaigns, ids sorted
   */
  public static List<Campaign> defaultCampaigns() {
    List<Campaign> c = new ArrayList<>();
    c.add(Campaign.multiplier("c00-double-1111", "Double points on 11/11", BigDecimal.valueOf(2),
        CampaignSchedule.yearlyOn(DOUBLE_POINTS_DAY)));
    c.add(Campaign.multiplier("c01-app-wednesday", "1.5x points in the app on Wednesdays", new BigDecimal("1.5"),
        CampaignSchedule.every(DayOfWeek.WEDNESDAY)).onChannels(Set.of(Channel.APP)));
    c.add(Campaign.multiplier("c02-shoes-spring", "Triple points on shoes in March", BigDecimal.valueOf(3),
        CampaignSchedule.always().between(LocalDate.of(YEAR, 3, 1), LocalDate.of(YEAR, 3, 31)))
        .targeting(Set.of(), Set.of("shoes")));
    c.add(Campaign.multiplier("c03-summer-launch", "5x points on the summer launch", BigDecimal.valueOf(5),
        CampaignSchedule.always().between(LocalDate.of(YEAR, 6, 1), LocalDate.of(YEAR, 8, 31)))
        .targeting(Set.of("SKU-00007", "SKU-00042", "SKU-00123"), Set.of()));
    c.add(Campaign.multiplier("c04-gold-birthday", "Double points for gold members in their birthday month",
        BigDecimal.valueOf(2), CampaignSchedule.always()).forTiers(Set.of("gold")).forBirthdayMonth());
    c.add(Campaign.multiplier("c05-electronics-q4", "Double points on electronics in Q4", BigDecimal.valueOf(2),
        CampaignSchedule.always().between(LocalDate.of(YEAR, 10, 1), LocalDate.of(YEAR, 12, 31)))
        .targeting(Set.of(), Set.of("electronics", "phones", "audio")).inExclusiveGroup("electronics"));
    c.add(Campaign.multiplier("c06-electronics-1111", "Triple points on electronics on 11/11", BigDecimal.valueOf(3),
        CampaignSchedule.yearlyOn(DOUBLE_POINTS_DAY)).targeting(Set.of(), Set.of("electronics", "phones"))
        .inExclusiveGroup("electronics"));
    c.add(Campaign.multiplier("c07-beauty-weekend", "1.5x on beauty at weekends", new BigDecimal("1.5"),
        CampaignSchedule.every(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)).targeting(Set.of(), Set.of("beauty", "skincare")));
    c.add(Campaign.firstOrderBonus("c08-first-order", "First order bonus", Points.of(200), CampaignSchedule.always()));
    c.add(Campaign.thresholdBonus("c09-spend-1499", "100 points on orders from NT$1,499", Points.of(100),
        Money.of("1499", "TWD"), CampaignSchedule.always()));
    return List.copyOf(c);
  }

  /**
   * A campaign calendar of {@code size} campaigns: the ten default ones plus generated ones, as a
   * large merchant's year looks: mostly short dated promotions on a category or a few SKUs spread
   * over the year, some one-day flash sales, longer-running SKU and category campaigns, recurring
   * weekday campaigns on one channel, site-wide sale days (in one exclusive group, half of them
   * with a minimum basket) and threshold bonuses for some tiers.
   *
   * @param size the number of campaigns, ≥ 10
   * @param seed the seed
   * @return the campaigns
   */
  public List<Campaign> campaigns(int size, long seed) {
    if (size < 10) {
      throw new IllegalArgumentException("campaign calendars start from the 10 default campaigns: " + size);
    }
    Random r = new Random(seed);
    List<Campaign> result = new ArrayList<>(defaultCampaigns());
    LocalDate jan1 = LocalDate.of(YEAR, 1, 1);
    BigDecimal[] factors = {new BigDecimal("1.5"), BigDecimal.valueOf(2), BigDecimal.valueOf(2), BigDecimal.valueOf(3)};
    for (int i = 10; i < size; i++) {
      String id = String.format(java.util.Locale.ROOT, "g%05d", i);
      int kind = r.nextInt(100);
      LocalDate start = jan1.plusDays(r.nextInt(365));
      BigDecimal factor = factors[r.nextInt(factors.length)];
      Campaign campaign;
      if (kind < 60) {
        // A promotion of 1–14 days on one category or a few SKUs.
        LocalDate end = start.plusDays(r.nextInt(14));
        campaign = targeted(Campaign.multiplier(id, "Promotion " + id, factor,
            CampaignSchedule.always().between(start, end)), r);
      } else if (kind < 70) {
        // A one-day flash sale.
        campaign = targeted(Campaign.multiplier(id, "Flash sale " + id, factor, CampaignSchedule.on(start)), r);
      } else if (kind < 85) {
        // A long-running campaign of one to three months.
        LocalDate end = start.plusMonths(1 + r.nextInt(3));
        campaign = targeted(Campaign.multiplier(id, "Season " + id, factor, CampaignSchedule.always().between(start, end)), r);
      } else if (kind < 90) {
        // Every given weekday for a month, on one channel.
        campaign = targeted(Campaign.multiplier(id, "Weekday " + id, factor,
            CampaignSchedule.every(DayOfWeek.of(1 + r.nextInt(7))).between(start, start.plusMonths(1)))
            .onChannels(Set.of(CHANNELS[r.nextInt(CHANNELS.length)])), r);
      } else if (kind < 95) {
        // A site-wide sale of 1–3 days, half of them on baskets from NT$2,000; sale days never stack.
        campaign = Campaign.multiplier(id, "Sale days " + id, factor,
            CampaignSchedule.always().between(start, start.plusDays(r.nextInt(3)))).inExclusiveGroup("site-wide");
        if (r.nextBoolean()) {
          campaign = ((Campaign.Multiplier) campaign).withMinSpend(Money.of("2000", "TWD"))
              .renamed(id, campaign.name() + " from NT$2,000");
        }
      } else {
        // A threshold bonus for a week, sometimes for one tier only.
        long min = 999 + 500L * r.nextInt(9);
        campaign = Campaign.thresholdBonus(id, "Spend " + min + " bonus " + id, Points.of(50 + 50L * r.nextInt(6)),
            Money.of(BigDecimal.valueOf(min), TWD), CampaignSchedule.always().between(start, start.plusDays(6)));
        if (r.nextBoolean()) {
          campaign = campaign.forTiers(Set.of(r.nextBoolean() ? "silver" : "gold"));
        }
      }
      result.add(campaign);
    }
    return List.copyOf(result);
  }

  private Campaign.Multiplier targeted(Campaign.Multiplier campaign, Random r) {
    if (r.nextBoolean()) {
      return campaign.targeting(Set.of(), Set.of(CATEGORIES[r.nextInt(CATEGORIES.length)]));
    }
    Set<String> skus = new TreeSet<>();
    int count = 1 + r.nextInt(5);
    while (skus.size() < count) {
      skus.add(catalogue.get(r.nextInt(catalogue.size() - 3)).sku());
    }
    return campaign.targeting(skus, Set.of());
  }

  // ---------------------------------------------------------------- members and orders

  /** One order to decide, with the member's state at the time. */
  public record Case(Order order, DecisionContext context) {
    /** @return the order as an event */
    public LoyaltyEvent.OrderPaid event() {
      return new LoyaltyEvent.OrderPaid(order);
    }
  }

  /**
   * Members with a purchase history: tiers member 60%, silver 30%, gold 10%; 0–20 earlier orders
   * each, decided by {@code engine} and appended to their ledgers, the way a host would.
   *
   * @param count how many members
   * @param programme the programme (for the ledger policy)
   * @param engine decides the history
   * @return the member states
   */
  public List<MemberState> members(int count, Programme programme, LoyaltyEngine engine) {
    List<MemberState> members = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int t = random.nextInt(10);
      String tier = t < 6 ? "member" : t < 9 ? "silver" : "gold";
      // Enrolled in the first half of the previous year, before any history order (from 1 July):
      // the engine refuses an order paid before the member enrolled.
      Instant enrolled = LocalDate.of(YEAR - 1, 1, 1).plusDays(random.nextInt(181)).atStartOfDay(TAIPEI).toInstant();
      Member member = Member.of("m-" + i, enrolled, tier)
          .withBirthday(MonthDay.of(1 + random.nextInt(12), 1 + random.nextInt(28)));
      PointLedger ledger = programme.newLedger(member.id());
      int history = random.nextInt(21);
      // Earlier orders in the previous months of 2025 and late 2024, oldest first.
      List<Instant> times = new ArrayList<>();
      for (int k = 0; k < history; k++) {
        times.add(randomInstant(LocalDate.of(YEAR - 1, 7, 1), 180));
      }
      times.sort(null);
      for (int k = 0; k < history; k++) {
        Order order = order("h-" + i + "-" + k, member.id(), times.get(k));
        Decision decision = engine.decide(new LoyaltyEvent.OrderPaid(order), DecisionContext.of(member, ledger));
        ledger.appendAll(decision.entriesFor(member.id()));
      }
      members.add(MemberState.of(member, ledger));
    }
    return List.copyOf(members);
  }

  /**
   * Paid orders of the given members, 15% of them on the double-points day, the rest spread over
   * 2025.
   *
   * @param count how many
   * @param members whose orders
   * @return the cases
   */
  public List<Case> cases(int count, List<MemberState> members) {
    List<Case> cases = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      MemberState state = members.get(random.nextInt(members.size()));
      Instant paidAt = random.nextInt(100) < 15
          ? randomInstant(DOUBLE_POINTS_DAY.atYear(YEAR), 1)
          : randomInstant(LocalDate.of(YEAR, 1, 1), 365);
      cases.add(new Case(order("o-" + i, state.member().id(), paidAt), DecisionContext.of(state)));
    }
    return List.copyOf(cases);
  }

  private Instant randomInstant(LocalDate from, int days) {
    LocalDate date = from.plusDays(random.nextInt(days));
    return date.atTime(LocalTime.ofSecondOfDay(random.nextInt(86_400))).atZone(TAIPEI).toInstant();
  }

  /**
   * One order: 1–20 lines (most orders small), quantities 1–3, one line in ten 10% off, a NT$100
   * coupon on a fifth of orders over NT$1,000, shipping under NT$1,000, and a gift card in 3%.
   *
   * @param id the order id
   * @param memberId the member
   * @param paidAt when it was paid
   * @return the order
   */
  public Order order(String id, String memberId, Instant paidAt) {
    int lineCount = lineCount();
    List<OrderLine> lines = new ArrayList<>();
    long subtotal = 0;
    for (int k = 0; k < lineCount; k++) {
      Product p = catalogue.get(random.nextInt(catalogue.size() - 3));
      int quantity = 1 + (random.nextInt(10) < 7 ? 0 : random.nextInt(3));
      long gross = p.price() * quantity;
      // Whole-dollar prices, so 10% off has at most one decimal: exact in TWD minor units.
      BigDecimal discount = random.nextInt(10) == 0 ? BigDecimal.valueOf(gross).movePointLeft(1) : BigDecimal.ZERO;
      lines.add(new OrderLine("l" + (k + 1), p.sku(), p.category(), quantity, Money.of(BigDecimal.valueOf(p.price()), TWD),
          Money.of(discount, TWD)));
      subtotal += gross;
    }
    if (random.nextInt(100) < 3) {
      Product gift = catalogue.get(catalogue.size() - 1 - random.nextInt(3));
      lines.add(OrderLine.of("l" + (lineCount + 1), gift.sku(), gift.category(), 1, Money.of(BigDecimal.valueOf(gift.price()), TWD)));
    }
    Money coupon = subtotal >= 1_000 && random.nextInt(5) == 0 ? Money.of("100", "TWD") : Money.zero(TWD);
    Money shipping = subtotal < 1_000 ? Money.of("60", "TWD") : Money.zero(TWD);
    Channel channel = weighted(CHANNELS, CHANNEL_WEIGHTS);
    return new Order(id, memberId, paidAt, channel, TWD, lines, coupon, shipping);
  }

  private int lineCount() {
    // 1–20 lines, geometric-like: about 45% of orders have 1–2 lines, the mean is about 4.
    int n = 1;
    while (n < 20 && random.nextInt(100) < 72) {
      n++;
    }
    return n;
  }

  private <T> T weighted(T[] values, int[] weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int pick = random.nextInt(total);
    for (int i = 0; i < values.length; i++) {
      pick -= weights[i];
      if (pick < 0) {
        return values[i];
      }
    }
    return values[values.length - 1];
  }
}
