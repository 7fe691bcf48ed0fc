package org.loyaltyrules.loyalty.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Random rule files built only from the shapes of the restricted grammar, over the library's fact
 * model: patterns with typed constraints, bindings used in later patterns, {@code not}, {@code
 * exists} and {@code accumulate}, and consequences of collector calls and local variables. Each
 * file is what a merchant may write, so the checker must accept it and Drools must compile it.
 *
 * <p>Files are built from a seed, so a failure names a reproducible file; jqwik shrinks the seed,
 * not the file.
 */
public final class GrammarRules {
  private GrammarRules() {}

  /** The types of the fact properties the generator writes constraints for. */
  enum Kind { STRING, INT, LONG, BOOLEAN, DECIMAL, DATE, DAY_OF_WEEK, EVENT_KIND, STRING_SET, CAMPAIGN_KIND }

  /** One property of a fact: its name in constraints, its getter and its kind. */
  record Prop(String name, String getter, Kind kind) {}

  /** One fact type: its properties and whether the engine inserts many of it. */
  record Fact(String type, boolean many, List<Prop> props) {}

  static final List<Fact> FACTS = List.of(
      new Fact("MemberFact", false, List.of(new Prop("id", "getId", Kind.STRING), new Prop("tier", "getTier", Kind.STRING),
          new Prop("tierRank", "getTierRank", Kind.INT), new Prop("birthdayMonth", "isBirthdayMonth", Kind.BOOLEAN),
          new Prop("enrolledOn", "getEnrolledOn", Kind.DATE), new Prop("tags", "getTags", Kind.STRING_SET),
          new Prop("referred", "isReferred", Kind.BOOLEAN))),
      new Fact("OrderFact", false, List.of(new Prop("id", "getId", Kind.STRING), new Prop("channel", "getChannel", Kind.STRING),
          new Prop("localDate", "getLocalDate", Kind.DATE), new Prop("dayOfWeek", "getDayOfWeek", Kind.DAY_OF_WEEK),
          new Prop("earningBase", "getEarningBase", Kind.DECIMAL), new Prop("currency", "getCurrency", Kind.STRING),
          new Prop("lineCount", "getLineCount", Kind.INT), new Prop("firstOrder", "isFirstOrder", Kind.BOOLEAN))),
      new Fact("EventFact", false, List.of(new Prop("kind", "getKind", Kind.EVENT_KIND), new Prop("id", "getId", Kind.STRING),
          new Prop("localDate", "getLocalDate", Kind.DATE))),
      new Fact("LineFact", true, List.of(new Prop("orderId", "getOrderId", Kind.STRING), new Prop("sku", "getSku", Kind.STRING),
          new Prop("category", "getCategory", Kind.STRING), new Prop("quantity", "getQuantity", Kind.INT),
          new Prop("earningBase", "getEarningBase", Kind.DECIMAL))),
      new Fact("CampaignFact", true, List.of(new Prop("id", "getId", Kind.STRING), new Prop("kind", "getKind", Kind.CAMPAIGN_KIND),
          new Prop("bonus", "getBonus", Kind.LONG), new Prop("level", "getLevel", Kind.INT), new Prop("skus", "getSkus", Kind.STRING_SET),
          new Prop("categories", "getCategories", Kind.STRING_SET), new Prop("allLines", "isAllLines", Kind.BOOLEAN),
          new Prop("minSpend", "getMinSpend", Kind.DECIMAL))),
      new Fact("TierFact", true, List.of(new Prop("code", "getCode", Kind.STRING), new Prop("rank", "getRank", Kind.INT),
          new Prop("threshold", "getThreshold", Kind.DECIMAL), new Prop("spendInWindow", "getSpendInWindow", Kind.DECIMAL))),
      new Fact("UplineFact", true, List.of(new Prop("memberId", "getMemberId", Kind.STRING), new Prop("level", "getLevel", Kind.INT),
          new Prop("tier", "getTier", Kind.STRING), new Prop("bonusPaid", "isBonusPaid", Kind.BOOLEAN))));

  public static Arbitrary<String> files() {
    return Arbitraries.longs().map(seed -> file(new Random(seed)));
  }

  public static String file(Random random) {
    StringBuilder out = new StringBuilder("""
        // grammar: random rules written with the restricted grammar's shapes.
        // Facts read: all. Facts emitted: none (calls decisions.*).
        package shop.grammar;

        import java.math.BigDecimal;
        import java.math.RoundingMode;
        import java.time.DayOfWeek;
        import java.time.LocalDate;
        import java.time.Month;
        import org.loyaltyrules.loyalty.rules.facts.CampaignFact;
        import org.loyaltyrules.loyalty.rules.facts.CampaignKind;
        import org.loyaltyrules.loyalty.rules.facts.EventFact;
        import org.loyaltyrules.loyalty.rules.facts.EventKind;
        import org.loyaltyrules.loyalty.rules.facts.LineFact;
        import org.loyaltyrules.loyalty.rules.facts.MemberFact;
        import org.loyaltyrules.loyalty.rules.facts.OrderFact;
        import org.loyaltyrules.loyalty.rules.facts.TierFact;
        import org.loyaltyrules.loyalty.rules.facts.UplineFact;

        global org.loyaltyrules.loyalty.rules.facts.Decisions decisions;
        """);
    int rules = 1 + random.nextInt(4);
    for (int i = 1; i <= rules; i++) {
      out.append(new RuleBuilder(random, i).rule());
    }
    return out.toString();
  }

  /** Builds one rule, keeping count of the joins and the bindings it makes. */
  private static final class RuleBuilder {
    private final Random random;
    private final int number;
    private final Map<String, Fact> factBindings = new LinkedHashMap<>();
    private final Map<String, Kind> valueBindings = new LinkedHashMap<>();
    private int next;
    private int many;
    private boolean line;

    RuleBuilder(Random random, int number) {
      this.random = random;
      this.number = number;
    }

    String rule() {
      StringBuilder when = new StringBuilder();
      int patterns = 1 + random.nextInt(3);
      for (int i = 0; i < patterns; i++) {
        Fact fact = pickFact();
        if (fact == null) {
          break;
        }
        String binding = "$f" + (next++);
        when.append("    ").append(binding).append(" : ").append(pattern(fact, true)).append('\n');
        factBindings.put(binding, fact);
      }
      if (random.nextInt(3) == 0) {
        Fact fact = pickFact();
        if (fact != null) {
          when.append("    ").append(random.nextBoolean() ? "not " : "exists ").append(pattern(fact, false)).append('\n');
        }
      }
      if (!line && many < 2 && random.nextInt(3) == 0) {
        line = true;
        many++;
        String n = "$n" + (next++);
        String q = "$q" + (next++);
        String s = "$s" + (next++);
        String b = "$a" + (next++);
        String m = "$m" + (next++);
        when.append("    accumulate( LineFact( ").append(q).append(" : quantity, ").append(b).append(" : earningBase ) ; ")
            .append(n).append(" : count(), ").append(s).append(" : sum(").append(q).append("), ").append(m)
            .append(" : max(").append(b).append(") ; ").append(n).append(" > 0, ").append(s).append(" >= 1 )\n");
      }
      StringBuilder then = new StringBuilder();
      List<String> statements = statements();
      for (String statement : statements) {
        then.append("    ").append(statement).append('\n');
      }
      return "\n// why: generated rule " + number + ".\nrule \"grammar: rule " + number + "\"\n"
          + (random.nextInt(4) == 0 ? "    @id(\"g-" + number + "\")\n" : "")
          + "when\n" + when + "then\n" + then + "end\n";
    }

    private Fact pickFact() {
      for (int attempt = 0; attempt < 10; attempt++) {
        Fact fact = FACTS.get(random.nextInt(FACTS.size()));
        boolean isLine = fact.type().equals("LineFact");
        if (fact.many() && (many >= 2 || isLine && line)) {
          continue;
        }
        if (fact.many()) {
          many++;
        }
        line |= isLine;
        return fact;
      }
      return null;
    }

    private String pattern(Fact fact, boolean bind) {
      List<String> constraints = new ArrayList<>();
      if (fact.type().equals("CampaignFact")) {
        // Its consequence credits the campaign's bonus, which a referral campaign refuses (it pays an upline).
        constraints.add("kind != CampaignKind.REFERRAL_BONUS");
      }
      int count = random.nextInt(4);
      for (int i = 0; i < count; i++) {
        Prop prop = fact.props().get(random.nextInt(fact.props().size()));
        if (bind && random.nextInt(4) == 0 && prop.kind() != Kind.BOOLEAN) {
          String name = "$v" + (next++);
          constraints.add(name + " : " + prop.name());
          valueBindings.put(name, prop.kind());
        } else {
          constraints.add(constraint(prop));
        }
      }
      return fact.type() + "( " + String.join(", ", constraints) + " )";
    }

    private String constraint(Prop prop) {
      String p = prop.name();
      List<String> options = new ArrayList<>(switch (prop.kind()) {
        case STRING -> List.of(p + " == \"a1\"", p + " != \"b\"", p + " in (\"a\", \"b\")", p + " not in (\"x\")",
            p + " str[startsWith] \"A-\"", p + " str[endsWith] \"-Z\"", p + ".startsWith(\"x\")", p + ".length() > 2",
            "!" + p + ".isBlank()", p + " == 'gold'");
        case INT -> List.of(p + " > 3", p + " >= 0 && < 100", p + " == 2 || == 3", p + " != 7", p + " * 2 > 10",
            p + " % 2 == 0", p + " + 1 >= -5");
        case LONG -> List.of(p + " > 3", p + " <= 1000L", p + " != 0");
        case BOOLEAN -> List.of(p, "!" + p, p + " == true", p + " == false");
        case DECIMAL -> List.of(p + " >= 100", p + " < 5000.5", p + ".compareTo(BigDecimal.valueOf(10)) > 0",
            p + ".signum() >= 0", p + ".add(BigDecimal.ONE).compareTo(BigDecimal.TEN) != 0", p + " != null");
        case DATE -> List.of(p + ".isAfter(LocalDate.of(2025, 1, 1))", p + ".dayOfMonth > 3", p + ".getMonthValue() == 11",
            p + ".dayOfWeek != DayOfWeek.MONDAY", p + ".getMonth() == Month.DECEMBER",
            p + ".isBefore(LocalDate.of(2030, Month.JUNE, 30))");
        case DAY_OF_WEEK -> List.of(p + " == DayOfWeek.SATURDAY", p + " in (DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)",
            p + ".getValue() > 5");
        case EVENT_KIND -> List.of(p + " == EventKind.ORDER_PAID", p + " != EventKind.TIER_REVIEW",
            p + " in (EventKind.MEMBER_ENROLLED, EventKind.ORDER_RETURNED)");
        case STRING_SET -> List.of(p + " contains \"vip\"", p + " not contains \"x\"", p + ".isEmpty()", p + ".size() > 1",
            "!" + p + ".isEmpty()");
        case CAMPAIGN_KIND -> List.of(p + " == CampaignKind.THRESHOLD_BONUS", p + " != CampaignKind.MULTIPLIER",
            p + " in (CampaignKind.WELCOME_BONUS, CampaignKind.FIRST_ORDER_BONUS)");
      });
      for (Map.Entry<String, Kind> bound : valueBindings.entrySet()) {
        if (bound.getValue() == prop.kind() && prop.kind() != Kind.STRING_SET && prop.kind() != Kind.DATE) {
          options.add(p + " == " + bound.getKey());
        }
        if (bound.getValue() == Kind.STRING_SET && prop.kind() == Kind.STRING) {
          options.add(p + " memberOf " + bound.getKey());
        }
      }
      return options.get(random.nextInt(options.size()));
    }

    private List<String> statements() {
      List<String> out = new ArrayList<>();
      int locals = 0;
      for (Map.Entry<String, Fact> bound : factBindings.entrySet()) {
        String b = bound.getKey();
        Fact fact = bound.getValue();
        Prop prop = fact.props().get(random.nextInt(fact.props().size()));
        switch (fact.type()) {
          case "LineFact" -> out.add(random.nextBoolean() ? "decisions.baseRate(" + b + ", " + (1 + random.nextInt(3)) + ", 100);"
              : random.nextBoolean() ? "decisions.baseRate(" + b + ", \"1.5\", 100);" : "decisions.exclude(" + b + ", \"reason\");");
          case "OrderFact" -> {
            String local = "amount" + (locals++);
            out.add("final BigDecimal " + local + " = " + b + ".getEarningBase().divide(BigDecimal.valueOf(100), 0, RoundingMode.DOWN);");
            out.add("decisions.bonus(\"b-\" + " + b + ".getId(), " + local + ".intValue() > 10 ? 10 : 1, \"spend \" + "
                + b + ".getLineCount());");
          }
          case "CampaignFact" -> out.add("decisions.bonus(" + b + ");");
          case "TierFact" -> out.add(random.nextBoolean() ? "decisions.qualifies(" + b + ");" : "decisions.review(" + b + ");");
          case "UplineFact" -> out.add("decisions.referralBonus(" + b + ", 5);");
          default -> { }
        }
        if (prop.kind() != Kind.DECIMAL && prop.kind() != Kind.STRING_SET) {
          out.add("decisions.notice(\"" + prop.name() + " \" + " + b + "." + prop.getter() + "());");
        }
      }
      for (Map.Entry<String, Kind> bound : valueBindings.entrySet()) {
        if (bound.getValue() == Kind.INT && random.nextBoolean()) {
          String local = "n" + (locals++);
          out.add("int " + local + " = Math.max(" + bound.getKey() + " * 2, 1);");
          out.add("decisions.capOrderPoints(" + local + " + 100, \"cap\");");
        }
      }
      if (out.isEmpty()) {
        out.add("decisions.capOrderPoints(500, \"cap\");");
      }
      return out;
    }
  }
}
