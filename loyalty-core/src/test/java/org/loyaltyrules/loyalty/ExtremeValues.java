package org.loyaltyrules.loyalty;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The public API of package {@code org.loyaltyrules.loyalty} (loyalty-core) enumerated by
 * reflection, and pools of extreme and valid values for every parameter type it uses, for {@link
 * PublicApiExtremeValuesProperties}.
 *
 * <p>Every value is built fresh on each call, so a call that mutates its receiver or argument (a
 * ledger append, a builder setting) never affects another call.
 *
 * <p>Public so other modules' sweeps reuse it through loyalty-core's test-jar: loyalty-rules'
 * {@code RulesApiExtremeValuesProperties} enumerates its own packages with {@link
 * #publicTypes(String, Class)} and adds pools for its own types with {@link #pool(Class, Type,
 * Samples)}.
 */
public final class ExtremeValues {
  /** Valid instances of a type the generic pools do not know; null or empty if none. */
  @FunctionalInterface
  public interface Samples {
    List<Object> of(Class<?> type);
  }

  public static final String PACKAGE = "org.loyaltyrules.loyalty";

  public static final Currency TWD = Currency.getInstance("TWD");
  public static final Currency JPY = Currency.getInstance("JPY");
  public static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
  public static final String MEGABYTE = "x".repeat(1 << 20);
  /** Elements in a "huge" collection: large enough to find quadratic work, small enough for CI. */
  public static final int HUGE = 10_000;

  private ExtremeValues() {}

  // ------------------------------------------------------------------ enumeration

  /** A public constructor or method and, for instance methods, the type receivers must have. */
  public record Callable(Executable executable) {
    public String id() {
      return signature(executable);
    }

    public boolean isInstanceMethod() {
      return executable instanceof Method m && !Modifier.isStatic(m.getModifiers());
    }

    public Object invoke(Object receiver, Object[] args) throws Throwable {
      try {
        if (executable instanceof Constructor<?> c) {
          return c.newInstance(args);
        }
        return ((Method) executable).invoke(receiver, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }

  public static String signature(Executable e) {
    StringBuilder b = new StringBuilder(e.getDeclaringClass().getName().substring(PACKAGE.length() + 1));
    b.append(e instanceof Constructor<?> ? "#new" : "#" + e.getName()).append('(');
    Class<?>[] types = e.getParameterTypes();
    for (int i = 0; i < types.length; i++) {
      b.append(i == 0 ? "" : ",").append(types[i].getSimpleName());
    }
    return b.append(')').toString();
  }

  /** Every public top-level and nested type of the package, read from loyalty-core's classes. */
  static List<Class<?>> publicTypes() {
    return publicTypes(PACKAGE, Money.class);
  }

  /**
   * Every public top-level and nested type of package {@code packageName}, read from the classes
   * directory or jar that holds {@code anchor} (a class of that module).
   */
  public static List<Class<?>> publicTypes(String packageName, Class<?> anchor) {
    try {
      Path root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
      List<Class<?>> types = new ArrayList<>();
      if (Files.isDirectory(root)) {
        try (Stream<Path> files = Files.list(root.resolve(packageName.replace('.', '/')))) {
          for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
            addIfPublic(packageName, file.getFileName().toString(), anchor, types);
          }
        }
      } else {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(root.toFile())) {
          String prefix = packageName.replace('.', '/') + "/";
          for (String name : jar.stream().map(java.util.jar.JarEntry::getName).sorted().toList()) {
            if (name.startsWith(prefix) && name.endsWith(".class") && name.indexOf('/', prefix.length()) < 0) {
              addIfPublic(packageName, name.substring(prefix.length()), anchor, types);
            }
          }
        }
      }
      return types;
    } catch (Exception e) {
      throw new IllegalStateException("cannot list the package's classes", e);
    }
  }

  private static void addIfPublic(String packageName, String fileName, Class<?> anchor, List<Class<?>> types)
      throws ClassNotFoundException {
    Class<?> type = Class.forName(packageName + "." + fileName.substring(0, fileName.length() - ".class".length()),
        false, anchor.getClassLoader());
    if (isPublicApi(type)) {
      types.add(type);
    }
  }

  public static boolean isPublicApi(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      if (!Modifier.isPublic(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass() || c.isSynthetic()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Every public constructor and method the package declares, minus these exclusions (each is
   * outside what this library defines):
   *
   * <ul>
   *   <li>methods of {@code Object} ({@code equals}, {@code hashCode}, {@code toString}) as records
   *       and classes override them: the JDK's contracts, and total for every value built here;
   *   <li>compiler-generated bridge and synthetic methods (e.g. {@code compareTo(Object)}, which only
   *       casts and calls the typed {@code compareTo}, so a foreign argument's {@code
   *       ClassCastException} is the language's, not ours);
   *   <li>the {@code valueOf(String)} the compiler writes for every enum: the JLS defines it to throw
   *       {@code IllegalArgumentException}; the library never parses enums with it;
   *   <li>{@link LoyaltyEngine}'s methods: an interface with no implementation in loyalty-core (its
   *       {@code decide} is exercised by loyalty-rules' extreme-values property).
   * </ul>
   */
  static List<Callable> publicCallables() {
    List<Callable> result = new ArrayList<>();
    for (Class<?> type : publicTypes()) {
      if (type == LoyaltyEngine.class) {
        continue;
      }
      if (!type.isInterface() && !Modifier.isAbstract(type.getModifiers()) && !type.isEnum()) {
        for (Constructor<?> c : type.getConstructors()) {
          result.add(new Callable(c));
        }
      }
      for (Method m : type.getDeclaredMethods()) {
        if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic() && !m.isBridge() && !isObjectMethod(m)
            && !(type.isEnum() && m.getName().equals("valueOf") && m.getParameterCount() == 1)) {
          result.add(new Callable(m));
        }
      }
    }
    result.sort(Comparator.comparing(Callable::id));
    return result;
  }

  public static boolean isObjectMethod(Method m) {
    try {
      Object.class.getMethod(m.getName(), m.getParameterTypes());
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  // ------------------------------------------------------------------ valid samples

  /** Fresh valid instances of every type of the package (and of their collaborators). */
  public static List<Object> samples() {
    List<Object> all = new ArrayList<>();
    Money price = Money.of("450.00", "TWD");
    OrderLine line1 = OrderLine.of("l-1", "sku-1", "tea", 2, price);
    OrderLine line2 = new OrderLine("l-2", "sku-2", "cups", 1, Money.of("300", "TWD"), Money.of("20", "TWD"));
    Order order = new Order("o-1", "m-1", T0.plus(Duration.ofDays(1)), Channel.POS, TWD, List.of(line1, line2),
        Money.of("10", "TWD"), Money.of("60", "TWD"));
    Member member = new Member("m-1", T0, "silver", Optional.of(MonthDay.of(2, 29)), Optional.of("m-0"),
        Set.of("staff"));
    Provenance provenance = new Provenance("o-1", "earn: base rate", "abc123", "900 TWD at 1 point per 100 TWD");
    LineShare share = new LineShare("l-1", 2, Points.of(9), Money.of("900", "TWD"));
    Instant paid = T0.plus(Duration.ofDays(1));
    LedgerEntry.Earned earned = new LedgerEntry.Earned("e-1", "m-1", Points.of(9), paid, provenance,
        Money.of("900", "TWD"), List.of(share), Optional.empty(), Optional.of(paid.plus(Duration.ofDays(365))));
    LedgerEntry.Earned pending = new LedgerEntry.Earned("e-2", "m-1", Points.of(50), paid, provenance,
        Money.of("0", "TWD"), List.of(), Optional.of(paid.plus(Duration.ofDays(7))), Optional.empty());
    LedgerEntry.Adjusted credit = new LedgerEntry.Adjusted("a-1", "m-1", Points.of(100), paid,
        Provenance.manual("t-1", "goodwill"), Optional.empty());
    LedgerEntry.Redeemed redeemed = new LedgerEntry.Redeemed("r-1", "m-1", Points.of(-5), paid.plusSeconds(60),
        Provenance.manual("r-1", "checkout"), Money.of("5", "TWD"));
    LedgerEntry.Redeemed redeemedAtCheckout = new LedgerEntry.Redeemed("r-9", "m-1", Points.of(-5), paid.plusSeconds(60),
        Provenance.manual("r-9", "checkout"), Money.of("5", "TWD"), Optional.of("o-9"));
    LedgerEntry.RedemptionCancelled cancelled = new LedgerEntry.RedemptionCancelled("c-1", "m-1", Points.of(2),
        paid.plusSeconds(120), Provenance.manual("c-1", "voided"), "r-1");
    LedgerEntry.Released released = new LedgerEntry.Released("rel-1", "m-1", paid.plusSeconds(180),
        Provenance.manual("rel-1", "delivered"), "e-2");
    LedgerEntry.Adjusted debit = new LedgerEntry.Adjusted("a-2", "m-1", Points.of(-3), paid.plusSeconds(240),
        Provenance.manual("t-2", "fraud"), Optional.empty());
    LedgerEntry.Expired expired = new LedgerEntry.Expired("x-1", "m-1", Points.of(-1),
        paid.plus(Duration.ofDays(366)), Provenance.manual("x-1", "expiry"), "e-1");
    PointLedger ledger = PointLedger.of("m-1", NegativeBalancePolicy.ALLOW_DEBT,
        List.of(earned, pending, credit, redeemed, cancelled, released, debit));
    ClawbackPlan plan = ledger.planClawback("e-1", Points.of(4), paid.plus(Duration.ofDays(2)));
    LedgerEntry.ClawedBack clawedBack = new LedgerEntry.ClawedBack("cb-1", "m-1", plan.collected().negated(),
        paid.plus(Duration.ofDays(2)), new Provenance("ret-1", "clawback", "abc123", "returned"), "e-1",
        plan.uncollected(), Money.of("400", "TWD"), List.of(new LineShare("l-1", 1, Points.of(4), Money.of("400", "TWD"))));
    PointLedger withClawback = ledger.copy();
    withClawback.append(clawedBack);
    Tier bronze = Tier.of("bronze", 0, Money.zero(TWD), Period.ofMonths(12));
    Tier silver = Tier.of("silver", 1, Money.of("10000", "TWD"), Period.ofMonths(12));
    Tier gold = Tier.of("gold", 2, Money.of("50000", "TWD"), Period.ofYears(1));
    TierLadder ladder = TierLadder.of(gold, bronze, silver);
    CampaignSchedule schedule = CampaignSchedule.on(LocalDate.of(2026, 11, 11)).between(
        LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
    Campaign.Multiplier doubleDay = Campaign.multiplier("double-11", "Double points on 11/11", BigDecimal.valueOf(2), schedule);
    Campaign welcome = Campaign.welcomeBonus("welcome", "Welcome", Points.of(100), CampaignSchedule.always());
    Campaign.FirstOrderBonus firstOrder = Campaign.firstOrderBonus("first", "First order", Points.of(50),
        CampaignSchedule.always()).withMinSpend(Money.of("1", "TWD"));
    Campaign threshold = Campaign.thresholdBonus("spend-1499", "Spend", Points.of(200), Money.of("1499", "TWD"),
        CampaignSchedule.always());
    Campaign referral = Campaign.referralBonus("referral-1", "Referral", 1, Points.of(300), Money.of("500", "TWD"),
        CampaignSchedule.always());
    Programme programme = Programme.builder(TWD, ZoneId.of("Asia/Taipei"), ladder).campaigns(doubleDay, welcome).build();
    MemberState state = MemberState.of(member, ledger);
    TierChange change = new TierChange("m-1", "silver", "gold", paid, "tier: upgrade", "spent enough");
    Decision decision = new Decision("o-1", "abc123", List.of(earned), Optional.of(change), List.of("earn"), List.of());

    all.addAll(List.of(price, Money.of("-5", "TWD"), Money.zero(TWD), Money.of("100", "JPY"), line1, line2, order,
        member, Member.of("m-2", T0, "bronze"), provenance, share, earned, pending, credit, redeemed, redeemedAtCheckout,
        cancelled, released, debit, expired, clawedBack, ledger, withClawback, PointLedger.empty("m-1", NegativeBalancePolicy.CAP_AT_ZERO),
        plan, bronze, silver, gold, ladder, schedule, CampaignSchedule.always(), CampaignSchedule.every(DayOfWeek.TUESDAY),
        doubleDay, welcome, doubleDay.forBirthdayMonth().inExclusiveGroup("g").withMinSpend(Money.of("100", "TWD")),
        firstOrder, threshold, referral, CampaignTarget.on(schedule).forTiers(Set.of("gold")), programme,
        Programme.builder(TWD, ZoneId.of("Asia/Taipei"), ladder).pendingPeriod(Period.ofDays(7))
            .pointsExpireAfter(Period.ofMonths(12), true).excludeFromEarning(Set.of("gift-card"), Set.of()).build(),
        Programme.builder(TWD, ZoneId.of("UTC"), ladder), state, DecisionContext.of(state), change, decision,
        Points.ZERO, Points.of(150), Points.of(-40), Points.of(Long.MAX_VALUE), Points.of(Long.MIN_VALUE), Channel.POS, Channel.of("line-shop")));
    all.addAll(ledger.lots());
    EntryKey base = EntryKey.orderBase("o:1");
    all.addAll(List.of(base, EntryKey.orderCampaign("o-1", "double-11"), EntryKey.orderBonus("o-1", "first-order"),
        EntryKey.enrolmentBonus("m-1", "welcome"), EntryKey.referralBonus("m-2", 2), EntryKey.clawback("ret-1", base),
        EntryKey.redemption("r-1"), EntryKey.redemptionCancellation("r-1"), EntryKey.release(base),
        EntryKey.expiry(base, paid.plus(Duration.ofDays(400))), EntryKey.parse("a-1")));
    all.add(new LoyaltyEvent.MemberEnrolled("enr-1", "m-1", T0));
    all.add(new LoyaltyEvent.OrderPaid(order));
    all.add(LoyaltyEvent.OrderReturned.whole("ret-1", order, paid.plus(Duration.ofDays(2))));
    all.add(LoyaltyEvent.OrderReturned.whole("ret-2", "m-1", "o-1", paid.plus(Duration.ofDays(2))));
    all.add(LoyaltyEvent.OrderReturned.of("ret-3", order, List.of(new LoyaltyEvent.ReturnedLine("l-1", 1)),
        paid.plus(Duration.ofDays(2))));
    all.add(new LoyaltyEvent.ReturnedLine("l-1", 1));
    // An upline paid a referral bonus for m-1, with its ledger as planner; and one never paid.
    LedgerEntry.Earned bonus = new LedgerEntry.Earned(EntryKey.referralBonus("m-1", 1).text(), "m-0", Points.of(50),
        paid, new Provenance("o-1", "referral: level 1", "abc123", "referral bonus"), Money.zero(TWD), List.of(),
        Optional.empty(), Optional.of(paid.plus(Duration.ofDays(365))));
    PointLedger uplineLedger = PointLedger.of("m-0", NegativeBalancePolicy.CAP_AT_ZERO, List.of(bonus));
    Member referrer = Member.of("m-0", T0, "bronze");
    Upline paidUpline = Upline.of(MemberState.of(referrer, uplineLedger), "m-1", 1);
    all.addAll(List.of(bonus, uplineLedger, (ClawbackPlanner) uplineLedger::planClawback, paidUpline,
        Upline.unpaid(referrer, 1), new DecisionContext(MemberState.of(member, ledger), List.of(paidUpline))));
    all.add(new LoyaltyEvent.PointsRedeemed("r-2", "m-1", Points.of(10), paid.plus(Duration.ofDays(3))));
    all.add(new LoyaltyEvent.RedemptionCancelled("c-2", "m-1", "r-2", paid.plus(Duration.ofDays(4))));
    all.add(new LoyaltyEvent.PendingReleased("rel-2", "m-1", "o-1", paid.plus(Duration.ofDays(5))));
    all.add(new LoyaltyEvent.ExpiryRun("exp-1", "m-1", paid.plus(Duration.ofDays(400))));
    all.add(new LoyaltyEvent.TierReview("rev-1", "m-1", paid.plus(Duration.ofDays(30))));
    // Calendar and rewards (issue 14): a day, calendar and gift campaigns, a reward granted and revoked.
    all.add(new LoyaltyEvent.DayStarted("day-1", "m-1", LocalDate.of(2026, 3, 1), Instant.parse("2026-02-28T16:05:00Z")));
    all.addAll(List.of(new Campaign.BirthdayBonus("bday", "Birthday", Points.of(200), CampaignTarget.on(schedule)),
        new Campaign.AnniversaryBonus("anniv", "Anniversary", Points.of(100), CampaignTarget.on(CampaignSchedule.always())),
        new Campaign.ThresholdGift("thermos", "Thermos", "THERMOS", 1, Money.of("1499", "TWD"),
            CampaignTarget.on(CampaignSchedule.always())),
        new Campaign.BirthdayGift("bday-coupon", "Coupon", "COUPON-100", 2, CampaignTarget.on(CampaignSchedule.always()))));
    EntryKey giftKey = EntryKey.orderReward("o-1", "thermos");
    LedgerEntry.RewardGranted gift = new LedgerEntry.RewardGranted(giftKey.text(), "m-1", paid,
        new Provenance("o-1", "order-gifts", "abc123", "gift"), "THERMOS", 1, Optional.of("o-1"),
        Optional.of(Money.of("1499", "TWD")));
    LedgerEntry.RewardRevoked revoked = new LedgerEntry.RewardRevoked(EntryKey.rewardRevocation(giftKey).text(), "m-1",
        paid.plus(Duration.ofDays(2)), new Provenance("ret-1", "engine", "abc123", "refunded"), giftKey.text(),
        "THERMOS", 1);
    PointLedger withReward = PointLedger.of("m-1", NegativeBalancePolicy.ALLOW_DEBT, List.of(earned, gift));
    all.addAll(List.of(gift, revoked, withReward, giftKey, EntryKey.rewardRevocation(giftKey),
        EntryKey.birthdayBonus("m-1", 2026, "bday"), EntryKey.anniversaryBonus("m-1", 1, "anniv"),
        EntryKey.monthBonus("m-1", java.time.YearMonth.of(2026, 3), "b"), EntryKey.birthdayReward("m-1", 2026, "c"),
        EntryKey.monthReward("m-1", java.time.YearMonth.of(2026, 3), "c")));
    all.add(new LoyaltyException("some-failure", "Something failed"));
    all.add(new InvalidValueException("order", "lines[2].quantity", -1, "≥ 1"));
    all.add(new CurrencyMismatchException("money", "currency", TWD, JPY));
    all.add(new DuplicateEventException("e-1", earned, pending));
    all.add(new InsufficientPointsException("m-1", "points", Points.of(10), Points.of(5)));
    all.add(new ClawbackExceedsEarnedException("e-1", "points", Points.of(10), 5));
    all.add(new UnknownEntryException("clawback", "earnedKey", "e-9", "a key"));
    all.add(new PointsOverflowException("ledger", "balance", BigInteger.TWO.pow(63)));
    all.add(new EventTimeException("o-1", "order.paidAt", paid, "member.enrolledAt", paid.plusSeconds(60)));
    all.add(new LimitExceededException("o-1", "order.lines[0].quantity", 100_001, "maxQuantityPerLine", "100000"));
    // Checkpoints: one taken of the sample ledger, its parts, and a ledger rebuilt from it.
    LedgerCheckpoint checkpoint = withClawback.checkpoint(paid.plus(Duration.ofDays(3)), paid.plusSeconds(30));
    all.add(checkpoint);
    all.add(PointLedger.fromCheckpoint(checkpoint, List.of()));
    all.addAll(checkpoint.lots());
    all.addAll(checkpoint.redemptions());
    all.addAll(checkpoint.redemptions().get(0).parts());
    // Segments and tier progress (issue 14, items 8 and 9).
    SegmentPolicy segmentPolicy = SegmentPolicy.defaults(TWD);
    all.add(segmentPolicy);
    all.add(new SegmentPolicy(Period.ofMonths(6), 0, 0, 1, 36_600, Money.of("0.01", "TWD")));
    all.add(MemberSegment.of(withClawback, T0, paid.plus(Duration.ofDays(10)), ZoneId.of("Asia/Taipei"), segmentPolicy));
    all.add(new MemberSegment(0, 0, 0, Money.zero(TWD), Money.zero(TWD), RfmClass.NEW));
    all.addAll(TierProgress.of(ladder, withClawback, "silver", paid.plus(Duration.ofDays(10)), ZoneId.of("Asia/Taipei"),
        Money.of("100", "TWD")));
    all.add(TimeOfDayWindow.parse("20:00-22:00"));
    all.add(TimeOfDayWindow.parse("22:00-02:00"));
    all.add(CampaignTarget.on(schedule).forTags(Set.of("vip")).forSegments(Set.of(RfmClass.HIGH_VALUE))
        .atStores(Set.of("taipei-101")).paidWith(Set.of("line-pay")).during(TimeOfDayWindow.parse("20:00-22:00")));
    all.add(order.atStore("taipei-101").paidWith("line-pay"));
    all.add(new BeyondHorizonException("order-paid event", "order.paidAt", paid, paid.plusSeconds(60), "the ledger's horizon"));
    // Expiry policies and expiring-soon answers (issue 14).
    ExpiringPoints.Batch batch = new ExpiringPoints.Batch(paid.plus(Duration.ofDays(365)), Points.of(9));
    all.addAll(List.of(ExpiryPolicy.never(), ExpiryPolicy.rolling(Period.ofMonths(12), true), ExpiryPolicy.yearEnd(1),
        ExpiryPolicy.yearlyReset(MonthDay.of(12, 31)), batch,
        new ExpiringPoints(paid, paid.plus(Duration.ofDays(400)), List.of(batch)), ledger.expiringSoon(paid, paid),
        Programme.builder(TWD, ZoneId.of("Asia/Taipei"), ladder).pendingPeriod(Period.ofDays(7))
            .expiry(ExpiryPolicy.yearEnd(1)).expiryWarning(Period.ofDays(30)).build()));
    // Redemption policy and quotes (issue 14 item 4).
    RedemptionPolicy policy = RedemptionPolicy.of(Money.of("1", "TWD")).withMaxShareOfOrder(new BigDecimal("0.5"))
        .withMinimumPoints(Points.of(10)).withMaximumPoints(Points.of(5_000)).withMinimumOrderValue(Money.of("100", "TWD"))
        .withTierRate("gold", Money.of("1.2", "TWD"));
    RedemptionLimit shareLimit = new RedemptionLimit(RedemptionLimit.Kind.MAX_SHARE_OF_ORDER, new BigDecimal("0.5"),
        Points.of(500), "points may pay at most 50% of the order value");
    all.addAll(List.of(policy, RedemptionPolicy.of(Money.of("100", "JPY")), new RedemptionPolicy.TierRate("gold",
        Money.of("1.2", "TWD")), shareLimit, new RedemptionQuote(Points.of(500), Money.of("500", "TWD"),
        Money.of("1", "TWD"), Points.of(1), Optional.of(Money.of("1000", "TWD")), List.of(shareLimit)),
        Programme.builder(TWD, ZoneId.of("Asia/Taipei"), ladder).redemption(policy).build(),
        new LoyaltyEvent.Checkout("o-1", Money.of("1000", "TWD")),
        LoyaltyEvent.PointsRedeemed.atCheckout("r-3", order, Points.of(10)),
        new RedemptionLimitException("points-redeemed event", "points", 501, "≤ 500", shareLimit, Points.of(501))));
    storeCredit(all, paid);
    // Custom events (issue 14, item 7): the event, event-bonus campaigns with limits, budgets, keys.
    all.add(new LoyaltyEvent.CustomEvent("ev-1", "m-1", "review", Map.of("stars", "5"), paid.plus(Duration.ofDays(1))));
    all.add(LoyaltyEvent.CustomEvent.of("ev-2", "m-1", "check-in", paid.plus(Duration.ofDays(1))));
    CampaignLimits limits = CampaignLimits.none().perDay(1).perWeek(5).perMonth(20).lifetime(100)
        .totalBudget(Points.of(10_000)).memberBudget(Points.of(500));
    all.addAll(List.of(CampaignLimits.none(), limits, Campaign.eventBonus("check-in", "Check-in", "check-in", Points.of(5),
        schedule).withLimits(limits), CampaignBudgets.none(), CampaignBudgets.of(Map.of("check-in", Points.of(40))),
        EntryKey.eventBonus("ev-2", "check-in"), DecisionContext.of(state).withBudgets(CampaignBudgets.none())));
    for (Class<?> type : publicTypes()) {
      if (type.isEnum()) {
        all.addAll(Arrays.asList(type.getEnumConstants()));
      }
    }
    return all;
  }

  /** Store credit: every entry kind, a ledger holding them, its lots and plan, keys, events, the exception. */
  private static void storeCredit(List<Object> all, Instant paid) {
    EntryKey grantKey = EntryKey.creditGrant("o-1", "gift");
    LedgerEntry.CreditGranted granted = new LedgerEntry.CreditGranted(grantKey.text(), "m-1", Money.of("100", "TWD"), paid,
        new Provenance("o-1", "store-credit: gift", "abc123", "NT$100 gift"), Optional.of(paid.plus(Duration.ofDays(90))));
    LedgerEntry.CreditGranted forever = new LedgerEntry.CreditGranted(EntryKey.creditGrant("o-2", "gift").text(), "m-1",
        Money.of("50", "TWD"), paid, new Provenance("o-2", "store-credit: gift", "abc123", "NT$50"), Optional.empty());
    LedgerEntry.CreditSpent spent = new LedgerEntry.CreditSpent(EntryKey.creditSpend("s-1").text(), "m-1",
        Money.of("-30", "TWD"), paid.plusSeconds(60), Provenance.manual("s-1", "checkout"));
    LedgerEntry.CreditSpendCancelled cancelled = new LedgerEntry.CreditSpendCancelled(
        EntryKey.creditSpendCancellation("s-1").text(), "m-1", Money.of("30", "TWD"), paid.plusSeconds(120),
        Provenance.manual("sc-1", "voided"), EntryKey.creditSpend("s-1").text());
    PointLedger ledger = PointLedger.of("m-1", NegativeBalancePolicy.ALLOW_DEBT, List.of(granted, forever, spent, cancelled));
    CreditClawbackPlan plan = ledger.planCreditClawback(grantKey.text(), Money.of("40", "TWD"), paid.plusSeconds(180));
    LedgerEntry.CreditClawedBack clawedBack = new LedgerEntry.CreditClawedBack(EntryKey.clawback("ret-1", grantKey).text(),
        "m-1", plan.collected().negated(), paid.plusSeconds(180), Provenance.manual("ret-1", "refund"), grantKey.text(),
        plan.uncollected());
    Instant expiry = paid.plus(Duration.ofDays(90));
    LedgerEntry.CreditExpired expired = new LedgerEntry.CreditExpired(EntryKey.expiry(grantKey, expiry).text(), "m-1",
        Money.of("-60", "TWD"), expiry, Provenance.manual("exp-1", "expiry"), grantKey.text());
    all.addAll(List.of(granted, forever, spent, cancelled, clawedBack, expired, ledger, plan,
        new CreditClawbackPlan(Money.of("0", "TWD"), Money.of("5", "TWD")), grantKey, EntryKey.creditSpend("s-1"),
        EntryKey.creditSpendCancellation("s-1"),
        new LoyaltyEvent.StoreCreditSpent("s-2", "m-1", Money.of("10", "TWD"), paid.plus(Duration.ofDays(3))),
        new LoyaltyEvent.StoreCreditSpendCancelled("sc-2", "m-1", "s-1", paid.plus(Duration.ofDays(4))),
        new InsufficientStoreCreditException("m-1", "amount", Money.of("10", "TWD"), Money.of("5", "TWD"))));
    all.addAll(ledger.creditLots());
  }

  /** Fresh valid instances of {@code type}. */
  public static List<Object> samplesOf(Class<?> type) {
    return samples().stream().filter(s -> wrap(type).isInstance(s)).toList();
  }

  // ------------------------------------------------------------------ extreme values

  /** Every value tried for a parameter of this type: null, extremes, and valid typical values. */
  static List<Object> pool(Class<?> raw, Type generic) {
    return pool(raw, generic, ExtremeValues::coreSamples);
  }

  /** loyalty-core's samples of {@code type}, or null if {@code type} is not one of its package. */
  public static List<Object> coreSamples(Class<?> type) {
    return type.getPackageName().equals(PACKAGE) ? samplesOf(type) : null;
  }

  /**
   * As {@link #pool(Class, Type)}, with {@code samples} asked first for a type that is not a JDK
   * type (and for the elements of collections, optionals and arrays of it).
   */
  public static List<Object> pool(Class<?> raw, Type generic, Samples samples) {
    List<Object> values = new ArrayList<>();
    if (!raw.isPrimitive()) {
      values.add(null);
    }
    if (raw == int.class || raw == Integer.class) {
      values.addAll(List.of(0, 1, -1, 2, 3, 100, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE - 1));
    } else if (raw == long.class || raw == Long.class) {
      values.addAll(List.of(0L, 1L, -1L, 100L, Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1));
    } else if (raw == boolean.class || raw == Boolean.class) {
      values.addAll(List.of(true, false));
    } else if (raw == String.class) {
      values.addAll(strings());
    } else if (raw == BigDecimal.class) {
      values.addAll(decimals());
    } else if (raw == BigInteger.class) {
      values.addAll(List.of(BigInteger.ZERO, BigInteger.TEN.pow(10_000), BigInteger.TWO.pow(63).negate()));
    } else if (raw == Instant.class) {
      values.addAll(instants());
    } else if (raw == LocalDate.class) {
      values.addAll(List.of(LocalDate.MIN, LocalDate.MAX, LocalDate.EPOCH, LocalDate.of(2026, 11, 11),
          LocalDate.of(1899, 12, 31), LocalDate.of(1900, 1, 1), LocalDate.of(9999, 12, 31), LocalDate.of(10_000, 1, 1),
          LocalDate.of(2024, 2, 29)));
    } else if (raw == java.time.YearMonth.class) {
      values.addAll(List.of(java.time.YearMonth.of(2026, 3), java.time.YearMonth.of(-999_999_999, 1),
          java.time.YearMonth.of(999_999_999, 12)));
    } else if (raw == java.time.LocalTime.class) {
      values.addAll(List.of(java.time.LocalTime.MIN, java.time.LocalTime.MAX, java.time.LocalTime.NOON,
          java.time.LocalTime.of(20, 0), java.time.LocalTime.of(21, 59, 59, 999_999_999)));
    } else if (raw == MonthDay.class) {
      values.addAll(List.of(MonthDay.of(2, 29), MonthDay.of(1, 1), MonthDay.of(12, 31)));
    } else if (raw == DayOfWeek.class) {
      values.addAll(Arrays.asList(DayOfWeek.values()));
    } else if (raw == Period.class) {
      values.addAll(List.of(Period.ZERO, Period.ofDays(1), Period.ofMonths(12), Period.ofDays(-1), Period.ofYears(100),
          Period.ofYears(Integer.MAX_VALUE), Period.ofDays(Integer.MIN_VALUE), Period.of(1, -1, 0),
          Period.ofMonths(Integer.MAX_VALUE), Period.ofDays(Integer.MAX_VALUE)));
    } else if (raw == ZoneId.class) {
      values.addAll(List.of(ZoneId.of("UTC"), ZoneId.of("Asia/Taipei"), ZoneId.of("Pacific/Chatham"), ZoneOffset.MAX,
          ZoneOffset.MIN));
    } else if (raw == Currency.class) {
      values.addAll(List.of(TWD, JPY, Currency.getInstance("XXX"), Currency.getInstance("BHD"),
          Currency.getInstance("CLF")));
    } else if (raw == RoundingMode.class) {
      values.addAll(Arrays.asList(RoundingMode.values()));
    } else if (raw == Object.class) {
      values.addAll(List.of(MEGABYTE, 1, "\u0000\n\u001b[31m", new BigDecimal("1E+999999999")));
    } else if (raw == Throwable.class) {
      values.add(new IllegalStateException("cause"));
    } else if (raw == Optional.class) {
      values.add(Optional.empty());
      for (Object element : pool(elementType(generic), null, samples)) {
        if (element != null) {
          values.add(Optional.of(element));
        }
      }
    } else if (raw == List.class || raw == Set.class || raw == Iterable.class || raw == Collection.class) {
      values.addAll(collections(raw, elementType(generic), samples));
    } else if (raw.isArray()) {
      for (Object list : collections(List.class, raw.getComponentType(), samples)) {
        if (list != null) {
          List<?> elements = (List<?>) list;
          Object array = java.lang.reflect.Array.newInstance(raw.getComponentType(), elements.size());
          for (int i = 0; i < elements.size(); i++) {
            java.lang.reflect.Array.set(array, i, elements.get(i));
          }
          values.add(array);
        }
      }
    } else if (samples.of(raw) != null) {
      List<Object> known = samples.of(raw);
      if (known.isEmpty()) {
        throw new IllegalStateException("no sample of " + raw.getName() + ": add one to the samples");
      }
      values.addAll(known);
    } else if (raw == Map.class && generic instanceof ParameterizedType p
        && p.getActualTypeArguments()[0] instanceof Class<?> key && p.getActualTypeArguments()[1] instanceof Class<?> value) {
      // Empty, one entry of each extreme key with each extreme value, a null key and value, and a huge map.
      values.add(Map.of());
      List<Object> keys = pool(key, null, samples);
      List<Object> vals = pool(value, null, samples);
      for (Object k : keys) {
        for (Object v : vals) {
          java.util.HashMap<Object, Object> one = new java.util.HashMap<>();
          one.put(k, v);
          values.add(one);
        }
      }
      java.util.HashMap<Object, Object> huge = new java.util.HashMap<>();
      Object anyValue = vals.stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
      for (int i = 0; i < 1_000; i++) {
        huge.put(key == String.class ? "k" + i : keys.get(i % keys.size()), anyValue);
      }
      values.add(huge);
    } else {
      throw new IllegalStateException("no pool for parameter type " + generic + ": add one to ExtremeValues.pool()");
    }
    return values;
  }

  private static List<String> strings() {
    return List.of("", " ", "\t\n", "a", MEGABYTE, "\u0000\u0007\u001b[2J", "é漢字\uD83D\uDE00", "\uD800",
        // Values that name things in the samples, so calls get past the first check.
        "m-1", "o-1", "e-1", "e-2", "r-1", "l-1", "gold", "silver", "TWD", "JPY", "12.50", "1499", "-0.001", "1e30",
        "NaN", "1E+999999999", "9".repeat(10_000), "TWD 1499.00", "TWD ", " TWD 1", "TWD 1e30", "pos", "manual");
  }

  private static List<BigDecimal> decimals() {
    return List.of(BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ONE.negate(), BigDecimal.valueOf(2), new BigDecimal("12.50"),
        new BigDecimal("0.001"), new BigDecimal("1e30"), new BigDecimal("-1e30"), new BigDecimal("1E+999999999"),
        new BigDecimal("1E-999999999"), new BigDecimal(BigInteger.ONE, Integer.MAX_VALUE),
        new BigDecimal(BigInteger.ONE, Integer.MIN_VALUE), new BigDecimal(BigInteger.ZERO, Integer.MIN_VALUE),
        new BigDecimal(BigInteger.ZERO, Integer.MAX_VALUE), new BigDecimal(BigInteger.TEN.pow(100_000), 2),
        new BigDecimal(BigInteger.TEN.pow(100_000), 100_000), new BigDecimal("1000000000000000000"),
        new BigDecimal("9999999999999999.99"), new BigDecimal("10000000000000000"), new BigDecimal("100.000000000000"),
        BigDecimal.valueOf(Long.MAX_VALUE), BigDecimal.valueOf(Long.MIN_VALUE));
  }

  private static List<Instant> instants() {
    return List.of(Instant.MIN, Instant.MAX, Instant.EPOCH, Limits.EARLIEST_INSTANT,
        Limits.EARLIEST_INSTANT.minusNanos(1), Limits.LATEST_INSTANT_EXCLUSIVE,
        Limits.LATEST_INSTANT_EXCLUSIVE.minusNanos(1), Instant.parse("+999999999-01-01T00:00:00Z"),
        Instant.parse("-999999999-01-01T00:00:00Z"), T0, T0.plus(Duration.ofDays(3)), T0.minus(Duration.ofDays(30)),
        T0.plus(Duration.ofDays(400)));
  }

  /** null, empty, one valid, repeats, a null element, each extreme element, and a huge one. */
  private static List<Object> collections(Class<?> raw, Class<?> element, Samples samples) {
    List<Object> elements = pool(element, null, samples);
    List<Object> valid = samples.of(element) != null ? samples.of(element)
        : elements.stream().filter(e -> e != null).limit(3).toList();
    List<List<Object>> lists = new ArrayList<>();
    lists.add(List.of());
    lists.add(valid.isEmpty() ? List.of() : List.of(valid.get(0)));
    lists.add(valid);
    lists.add(valid.isEmpty() ? List.of() : List.of(valid.get(0), valid.get(0)));
    lists.add(Arrays.asList(valid.isEmpty() ? null : valid.get(0), null));
    for (Object e : elements) {
      if (e != null) {
        lists.add(List.of(e));
      }
    }
    lists.add(huge(element, valid));
    List<Object> result = new ArrayList<>();
    result.add(null);
    for (List<Object> list : lists) {
      result.add(raw == Set.class ? new LinkedHashSet<>(list) : new ArrayList<>(list));
    }
    return result;
  }

  private static List<Object> huge(Class<?> element, List<Object> valid) {
    List<Object> result = new ArrayList<>(HUGE);
    for (int i = 0; i < HUGE; i++) {
      if (element == String.class) {
        result.add("s-" + i);
      } else if (element == OrderLine.class) {
        result.add(OrderLine.of("l-" + i, "sku-" + i, "tea", 1 + i % 7, Money.of(BigDecimal.valueOf(i % 997), TWD)));
      } else if (element == LocalDate.class) {
        result.add(LocalDate.of(2026, 1, 1).plusDays(i % 3_000));
      } else if (!valid.isEmpty()) {
        result.add(valid.get(i % valid.size()));
      }
    }
    return result;
  }

  private static Class<?> elementType(Type generic) {
    if (generic instanceof ParameterizedType p) {
      Type arg = p.getActualTypeArguments()[0];
      if (arg instanceof WildcardType w) {
        arg = w.getUpperBounds()[0];
      }
      if (arg instanceof Class<?> c) {
        return c;
      }
      if (arg instanceof ParameterizedType pp) {
        return (Class<?>) pp.getRawType();
      }
    }
    return Object.class;
  }

  public static Class<?> wrap(Class<?> type) {
    if (!type.isPrimitive()) {
      return type;
    }
    return type == int.class ? Integer.class : type == long.class ? Long.class : type == boolean.class ? Boolean.class
        : type;
  }

  /** A short description of an argument list for failure reports. */
  public static String describeAll(Object[] args) {
    List<String> parts = new ArrayList<>();
    for (Object arg : args) {
      parts.add(describe(arg));
    }
    return parts.toString();
  }

  /** One raw exception as a failure report lists it: its type, message (cut) and the call. */
  public static String violation(Throwable t, String where) {
    String message = String.valueOf(t.getMessage());
    return t.getClass().getName() + ": " + (message.length() > 200 ? message.substring(0, 200) + "…" : message)
        + " from " + where;
  }

  /** The report of a sweep's raw exceptions: their count and the first {@code limit} distinct ones. */
  public static String report(List<String> violations, int limit) {
    StringBuilder b = new StringBuilder(violations.size() + " raw exceptions left public methods:");
    violations.stream().distinct().limit(limit).forEach(v -> b.append("\n  ").append(v));
    return b.toString();
  }

  /** A short description of an argument for failure reports. */
  public static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Collection<?> c) {
      return value.getClass().getSimpleName() + "(" + c.size() + ")" + (c.size() <= 3 ? c.toString() : "");
    }
    if (value.getClass().isArray()) {
      return value.getClass().getComponentType().getSimpleName() + "[" + java.lang.reflect.Array.getLength(value) + "]";
    }
    String text = value instanceof BigDecimal d
        ? (d.unscaledValue().bitLength() > 300 ? "BigDecimal(" + d.unscaledValue().bitLength() + " bits, scale " + d.scale() + ")" : d.toString())
        : String.valueOf(value);
    return text.length() > 60 ? text.substring(0, 60) + "…(" + text.length() + ")" : text;
  }

  public static Set<String> ids(List<Callable> callables) {
    Set<String> ids = new HashSet<>();
    for (Callable c : callables) {
      ids.add(c.id());
    }
    return ids;
  }
}
