package org.loyaltyrules.loyalty.examples.merchantcli.demo;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.examples.merchantcli.input.Invoice;
import org.loyaltyrules.loyalty.examples.merchantcli.input.InvoiceLine;
import org.loyaltyrules.loyalty.rules.facts.CampaignKind;

/**
 * A deterministic sample of a year of orders for a Taiwanese shop, generated in memory (nothing
 * from a real data set): 300 members with a long tail of order counts (a few regulars, many
 * occasional buyers), a referral chain, guest sales, partial and full returns a few days after the
 * order, gift-card lines (outside the earning base), a double-points day on 11/11 with a spike of
 * orders, a welcome bonus and a spend-threshold bonus. The same seed always gives the same sample,
 * on every JVM ({@link Random}'s algorithm is specified).
 */
public final class DemoData {
  /** The default seed. */
  public static final long SEED = 20251111L;
  /** The sample's zone. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Taipei");
  /** Members generated. */
  public static final int MEMBERS = 300;

  private static final int YEAR = 2025;
  private static final Channel[] CHANNELS = {Channel.ONLINE_STORE, Channel.ONLINE_STORE, Channel.APP, Channel.POS};

  /** A product of the catalogue. */
  private record Product(String sku, String category, int price) {}

  private static final List<Product> CATALOGUE = List.of(
      new Product("TEA-OOLONG", "tea", 450), new Product("TEA-BLACK", "tea", 320),
      new Product("TEA-GREEN", "tea", 280), new Product("TEA-GIFTBOX", "tea", 1280),
      new Product("TEA-PUER", "tea", 880), new Product("SNK-PINEAPPLE", "snacks", 360),
      new Product("SNK-NOUGAT", "snacks", 250), new Product("SNK-MOCHI", "snacks", 180),
      new Product("SNK-SUNCAKE", "snacks", 420), new Product("APP-TEE", "apparel", 590),
      new Product("APP-HOODIE", "apparel", 1490), new Product("APP-CAP", "apparel", 450),
      new Product("APP-SCARF", "apparel", 780), new Product("APP-JACKET", "apparel", 3200),
      new Product("HOME-MUG", "home", 350), new Product("HOME-TEAPOT", "home", 1680),
      new Product("HOME-TOWEL", "home", 290), new Product("HOME-LAMP", "home", 2400),
      new Product("HOME-CUSHION", "home", 690), new Product("BTY-MASK", "beauty", 199),
      new Product("BTY-SERUM", "beauty", 1280), new Product("BTY-LOTION", "beauty", 560),
      new Product("BTY-SOAP", "beauty", 120));
  private static final List<Product> GIFT_CARDS = List.of(
      new Product("GC-500", "gift-card", 500), new Product("GC-1000", "gift-card", 1000));

  /**
   * The generated sample.
   *
   * @param seed the seed it came from
   * @param members the members, with enrolment dates and referrers
   * @param invoices sales and returns, oldest first
   * @param campaigns the campaign calendar the sample is meant to run with
   */
  public record Sample(long seed, List<Member> members, List<Invoice> invoices, List<Campaign> campaigns) {}

  private DemoData() {}

  /** @return the campaigns of the demo programme: double points on 11/11, a welcome bonus, a spend-threshold bonus */
  public static List<Campaign> campaigns() {
    return List.of(
        Campaign.multiplier("double-1111", "Double points on 11/11", BigDecimal.valueOf(2),
            CampaignSchedule.yearlyOn(MonthDay.of(11, 11))),
        Campaign.welcomeBonus("welcome-2025", "Welcome to the club", Points.of(100),
            CampaignSchedule.always().between(LocalDate.of(YEAR, 1, 1), LocalDate.of(YEAR, 12, 31))),
        Campaign.thresholdBonus("spend-3000", "NT$3,000 in one order", Points.of(50), Money.of("3000", "TWD"),
            CampaignSchedule.always()));
  }

  /**
   * @param seed the seed
   * @return the sample
   */
  public static Sample generate(long seed) {
    Random random = new Random(seed);
    List<Member> members = new ArrayList<>();
    int[] ordersPerYear = new int[MEMBERS];
    for (int i = 0; i < MEMBERS; i++) {
      String id = String.format(java.util.Locale.ROOT, "m-%03d", i + 1);
      // A tenth enrolled last year; the rest during this year, most in the first half.
      LocalDate enrolled = random.nextInt(10) == 0
          ? LocalDate.of(YEAR - 1, 1 + random.nextInt(12), 1 + random.nextInt(28))
          : LocalDate.of(YEAR, 1, 1).plusDays((long) (Math.pow(random.nextDouble(), 2) * 330));
      Member member = Member.of(id, at(enrolled, 9 + random.nextInt(12), random.nextInt(60)), "member");
      int roll = random.nextInt(100);
      ordersPerYear[i] = roll < 10 ? 18 + random.nextInt(23) : roll < 45 ? 4 + random.nextInt(9) : 1 + random.nextInt(3);
      members.add(member);
    }
    // A referral chain: m-001 brought m-002, who brought m-003; m-001 also brought m-150.
    members.set(1, referred(members.get(1), "m-001", members.get(0)));
    members.set(2, referred(members.get(2), "m-002", members.get(1)));
    members.set(149, referred(members.get(149), "m-001", members.get(0)));

    List<Draft> drafts = new ArrayList<>();
    LocalDate end = LocalDate.of(YEAR, 12, 31);
    LocalDate doubleDay = LocalDate.of(YEAR, 11, 11);
    for (int i = 0; i < MEMBERS; i++) {
      Member member = members.get(i);
      LocalDate first = member.enrolledAt().atZone(ZONE).toLocalDate();
      if (first.getYear() < YEAR) {
        first = LocalDate.of(YEAR, 1, 1);
      }
      long span = end.toEpochDay() - first.toEpochDay();
      boolean regular = ordersPerYear[i] >= 18;
      for (int k = 0; k < ordersPerYear[i]; k++) {
        LocalDate day = k == 0 ? first.plusDays(random.nextInt(8)) : first.plusDays((long) (random.nextDouble() * span));
        drafts.add(draft(random, member.id(), day, regular ? 2 : 1, k == 0 && member.referrerId().isPresent(),
            member.enrolledAt()));
      }
      // The double-points day: half of the repeat buyers come back for it, with bigger baskets.
      if (ordersPerYear[i] >= 4 && random.nextBoolean() && !first.isAfter(doubleDay)) {
        drafts.add(draft(random, member.id(), doubleDay, 3, false, member.enrolledAt()));
      }
    }
    for (int g = 0; g < 180; g++) {
      drafts.add(draft(random, "", LocalDate.of(YEAR, 1, 1).plusDays(random.nextInt(365)), 1, false, Instant.MIN));
    }
    drafts.sort(Comparator.comparing((Draft d) -> d.at).thenComparing(d -> d.memberId));
    List<Invoice> invoices = new ArrayList<>();
    int lineNo = 0;
    int orderNo = 0;
    Set<String> returned = new HashSet<>();
    List<Invoice> returns = new ArrayList<>();
    for (Draft d : drafts) {
      orderNo++;
      String id = String.format(java.util.Locale.ROOT, d.memberId.isEmpty() ? "g-%05d" : "o-%05d", orderNo);
      List<InvoiceLine> lines = new ArrayList<>();
      for (Product[] p : d.lines) {
        lines.add(new InvoiceLine(++lineNo, p[0].sku(), p[0].category(), d.quantities.get(lines.size()),
            Optional.of(Money.of(BigDecimal.valueOf(p[0].price()), java.util.Currency.getInstance("TWD"))),
            Optional.empty(), false));
      }
      Invoice invoice = new Invoice(id, d.memberId.isEmpty() ? Optional.empty() : Optional.of(d.memberId), d.at,
          d.channel, lines, Optional.empty(), lines.get(0).lineNo());
      invoices.add(invoice);
      // About one order in twelve comes back, a few days later: usually one line, sometimes all of it.
      if (!d.memberId.isEmpty() && random.nextInt(12) == 0 && returned.add(id)) {
        boolean whole = random.nextInt(5) == 0;
        List<InvoiceLine> back = new ArrayList<>();
        for (InvoiceLine line : lines) {
          if (whole || back.isEmpty() && (random.nextBoolean() || line == lines.get(lines.size() - 1))) {
            int units = whole ? line.quantity() : 1 + random.nextInt(line.quantity());
            back.add(new InvoiceLine(0, line.sku(), line.category(), -units, Optional.empty(), Optional.empty(), false));
          }
        }
        Instant when = d.at.plusSeconds(86_400L * (2 + random.nextInt(19)));
        returns.add(new Invoice("r-" + id.substring(2), Optional.of(d.memberId), when, d.channel, back,
            Optional.of(id), 0));
      }
    }
    invoices.addAll(returns);
    invoices.sort(Comparator.comparing(Invoice::at).thenComparing(Invoice::id));
    // Number the return lines in the final order too, so every line has a place in the sample.
    List<Invoice> numbered = new ArrayList<>(invoices.size());
    int n = 0;
    for (Invoice invoice : invoices) {
      List<InvoiceLine> lines = new ArrayList<>();
      for (InvoiceLine line : invoice.lines()) {
        n++;
        lines.add(new InvoiceLine(n, line.sku(), line.category(), line.quantity(), line.unitPrice(), line.discount(),
            line.nonProduct()));
      }
      numbered.add(new Invoice(invoice.id(), invoice.memberId(), invoice.at(), invoice.channel(), lines,
          invoice.returnOf(), lines.get(0).lineNo()));
    }
    return new Sample(seed, List.copyOf(members), List.copyOf(numbered), campaigns());
  }

  private static Member referred(Member member, String referrer, Member referrerMember) {
    Instant enrolled = member.enrolledAt().isAfter(referrerMember.enrolledAt())
        ? member.enrolledAt() : referrerMember.enrolledAt().plusSeconds(86_400L * 10);
    return Member.of(member.id(), enrolled, member.tierCode()).withReferrer(referrer);
  }

  /** An order before it gets its id. */
  private static final class Draft {
    final String memberId;
    final Instant at;
    final Channel channel;
    final List<Product[]> lines = new ArrayList<>();
    final List<Integer> quantities = new ArrayList<>();

    Draft(String memberId, Instant at, Channel channel) {
      this.memberId = memberId;
      this.at = at;
      this.channel = channel;
    }
  }

  private static Draft draft(Random random, String memberId, LocalDate day, int basket, boolean bigFirstOrder,
      Instant notBefore) {
    Instant at = at(day, 10 + random.nextInt(12), random.nextInt(60));
    // An order on the enrolment day comes after the sign-up (the engine refuses one paid before it).
    if (at.isBefore(notBefore)) {
      at = notBefore.plusSeconds(30 * 60);
    }
    Draft d = new Draft(memberId, at, CHANNELS[random.nextInt(CHANNELS.length)]);
    int lines = Math.min(CATALOGUE.size(), 1 + random.nextInt(2 + basket * 2));
    Set<String> used = new HashSet<>();
    while (d.lines.size() < lines) {
      Product p = CATALOGUE.get(random.nextInt(CATALOGUE.size()));
      if (used.add(p.sku())) {
        d.lines.add(new Product[] {p});
        d.quantities.add(1 + (random.nextInt(4) == 0 ? random.nextInt(3) + 1 : 0) * basket);
      }
    }
    if (bigFirstOrder) {
      d.lines.add(new Product[] {CATALOGUE.get(13)});
      d.quantities.add(1);
    }
    if (random.nextInt(30) == 0) {
      d.lines.add(new Product[] {GIFT_CARDS.get(random.nextInt(GIFT_CARDS.size()))});
      d.quantities.add(1);
    }
    return d;
  }

  private static Instant at(LocalDate day, int hour, int minute) {
    return day.atTime(LocalTime.of(hour, minute)).atZone(ZONE).toInstant();
  }
}
