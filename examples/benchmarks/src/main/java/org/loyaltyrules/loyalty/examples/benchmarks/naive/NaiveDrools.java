package org.loyaltyrules.loyalty.examples.benchmarks.naive;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.KieSession;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.Programme;

/**
 * Drools used the way tutorials show it, for contrast: every campaign is a rule of its own
 * (generated DRL text, one rule per campaign, its dates and targets as literals in the
 * conditions), the arithmetic happens in consequences on {@code double}s, and every order gets a
 * new {@code KieSession} from the {@code KieContainer}.
 *
 * <p>It computes the points total of an order (tier rate, additive multipliers, first-order and
 * threshold bonuses, rounded down per order), not ledger entries: the point is to show what the
 * approach costs, not to be a second engine. Exclusive groups are ignored.
 *
 * <p>Thread-safe: the container is only read, each call uses its own session.
 */
public final class NaiveDrools {
  private static final AtomicLong BUILDS = new AtomicLong();

  private final Programme programme;
  private final KieContainer container;
  private final int ruleCount;

  private NaiveDrools(Programme programme, KieContainer container, int ruleCount) {
    this.programme = programme;
    this.container = container;
    this.ruleCount = ruleCount;
  }

  /**
   * Generates one rule per campaign and compiles them with the executable model, as the engine
   * compiles its rule files.
   *
   * @param programme the programme and its campaigns
   * @return the compiled naive programme
   */
  public static NaiveDrools build(Programme programme) {
    String drl = drl(programme.campaigns());
    KieServices ks = KieServices.Factory.get();
    KieFileSystem kfs = ks.newKieFileSystem();
    ReleaseId releaseId = ks.newReleaseId("org.loyaltyrules.bench", "naive-" + BUILDS.incrementAndGet(), "1.0.0");
    kfs.generateAndWritePomXML(releaseId);
    kfs.write("src/main/resources/org/loyaltyrules/naive/campaigns.drl", drl);
    KieBuilder builder = ks.newKieBuilder(kfs, NaiveDrools.class.getClassLoader());
    builder.buildAll(ExecutableModelProject.class);
    List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
    if (!errors.isEmpty()) {
      throw new IllegalStateException("naive DRL does not compile: " + errors);
    }
    KieContainer container = ks.newKieContainer(releaseId, NaiveDrools.class.getClassLoader());
    ks.getRepository().removeKieModule(releaseId);
    return new NaiveDrools(programme, container, 3 + programme.campaigns().size());
  }

  /** @return how many rules the naive base has */
  public int ruleCount() {
    return ruleCount;
  }

  /**
   * Decides the points of one order in a new session.
   *
   * @param order the order
   * @param context the member
   * @return the order's points
   */
  public long decide(Order order, DecisionContext context) {
    Member member = context.member().member();
    LocalDate date = order.paidAt().atZone(programme.zone()).toLocalDate();
    Map<String, Money> nets = order.netAfterOrderDiscount();
    NaiveLine[] lines = new NaiveLine[order.lines().size()];
    int n = 0;
    double spend = 0;
    for (OrderLine line : order.lines()) {
      if (programme.isInEarningBase(line)) {
        double net = nets.get(line.lineId()).amount().doubleValue();
        lines[n] = new NaiveLine(n, line.sku(), line.category(), net);
        spend += net;
        n++;
      }
    }
    lines = java.util.Arrays.copyOf(lines, n);
    boolean firstOrder = spend > 0 && context.member().ledger().firstQualifyingOrder().isEmpty();
    boolean birthday = member.birthday().isPresent() && member.birthday().get().getMonth() == date.getMonth();
    NaiveOrder fact = new NaiveOrder(member.tierCode(), order.channel().code(), yyyymmdd(date),
        date.getDayOfWeek().getValue(), date.getMonthValue() * 100 + date.getDayOfMonth(), birthday, firstOrder, spend);
    NaiveResult result = new NaiveResult(n);
    KieSession session = container.newKieSession();
    try {
      session.setGlobal("result", result);
      session.insert(fact);
      for (NaiveLine line : lines) {
        session.insert(line);
      }
      session.fireAllRules();
    } finally {
      session.dispose();
    }
    return result.points(lines);
  }

  private static int yyyymmdd(LocalDate date) {
    return date.getYear() * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth();
  }

  /**
   * @param campaigns the campaigns
   * @return the DRL: three tier-rate rules and one rule per campaign
   */
  public static String drl(List<Campaign> campaigns) {
    StringBuilder drl = new StringBuilder(256 + 320 * campaigns.size());
    drl.append("package org.loyaltyrules.naive;\n\n")
        .append("import ").append(NaiveOrder.class.getName()).append(";\n")
        .append("import ").append(NaiveLine.class.getName()).append(";\n\n")
        .append("global ").append(NaiveResult.class.getName()).append(" result;\n\n");
    String[][] rates = {{"member", "1"}, {"silver", "1.5"}, {"gold", "2"}};
    for (String[] rate : rates) {
      drl.append("rule \"base rate ").append(rate[0]).append("\"\nwhen\n  NaiveOrder( tier == \"").append(rate[0])
          .append("\" )\n  $l : NaiveLine()\nthen\n  result.rate($l, ").append(rate[1]).append(");\nend\n\n");
    }
    for (Campaign c : campaigns) {
      if (c instanceof Campaign.WelcomeBonus || c instanceof Campaign.ReferralBonus) {
        continue;
      }
      drl.append("rule \"campaign ").append(c.id()).append("\"\nwhen\n  NaiveOrder( ").append(orderConditions(c))
          .append(" )\n");
      if (c instanceof Campaign.Multiplier m) {
        drl.append("  $l : NaiveLine(").append(lineConditions(m)).append(")\nthen\n  result.multiply($l, ")
            .append(m.factor().toPlainString()).append(");\nend\n\n");
      } else {
        drl.append("then\n  result.bonus(").append(((Campaign.Bonus) c).points().value()).append("L);\nend\n\n");
      }
    }
    return drl.toString();
  }

  private static String orderConditions(Campaign c) {
    StringBuilder s = new StringBuilder();
    CampaignSchedule schedule = c.schedule();
    schedule.from().ifPresent(d -> and(s, "day >= " + yyyymmdd(d)));
    schedule.to().ifPresent(d -> and(s, "day <= " + yyyymmdd(d)));
    if (!schedule.isEveryDay()) {
      StringBuilder any = new StringBuilder();
      for (LocalDate d : schedule.dates()) {
        or(any, "day == " + yyyymmdd(d));
      }
      for (java.time.DayOfWeek d : schedule.daysOfWeek()) {
        or(any, "dayOfWeek == " + d.getValue());
      }
      for (MonthDay d : schedule.monthDays()) {
        or(any, "monthDay == " + (d.getMonthValue() * 100 + d.getDayOfMonth()));
      }
      and(s, "(" + any + ")");
    }
    if (!c.channels().isEmpty()) {
      and(s, "channel in (" + quoted(c.channels().stream().map(Channel::code).iterator()) + ")");
    }
    if (!c.tiers().isEmpty()) {
      and(s, "tier in (" + quoted(c.tiers().iterator()) + ")");
    }
    if (c.birthdayMonthOnly()) {
      and(s, "birthdayMonth == true");
    }
    if (c instanceof Campaign.FirstOrderBonus) {
      and(s, "firstOrder == true");
    }
    if (!(c instanceof Campaign.Multiplier)) {
      and(s, "spend >= " + c.minSpend().map(m -> m.amount().toPlainString()).orElse("0"));
    }
    return s.toString();
  }

  private static String lineConditions(Campaign.Multiplier c) {
    if (c.targetsAllLines()) {
      return "";
    }
    StringBuilder s = new StringBuilder();
    if (!c.skus().isEmpty()) {
      or(s, "sku in (" + quoted(c.skus().iterator()) + ")");
    }
    if (!c.categories().isEmpty()) {
      or(s, "category in (" + quoted(c.categories().iterator()) + ")");
    }
    return " " + s + " ";
  }

  private static void and(StringBuilder s, String condition) {
    s.append(s.length() == 0 ? "" : ", ").append(condition);
  }

  private static void or(StringBuilder s, String condition) {
    s.append(s.length() == 0 ? "" : " || ").append(condition);
  }

  private static String quoted(Iterator<String> values) {
    StringBuilder s = new StringBuilder();
    while (values.hasNext()) {
      s.append(s.length() == 0 ? "" : ", ").append('"').append(values.next().replace("\"", "")).append('"');
    }
    return s.toString();
  }
}
