package org.loyaltyrules.loyalty.examples.merchantcli;

import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import org.loyaltyrules.loyalty.rules.LoyaltyRulesEngine;
import org.loyaltyrules.loyalty.rules.RuleBase;

/** Engines shared by the tests: compiling the default rules takes seconds, so it happens once. */
public final class TestEngines {
  private static RuleBase defaults;
  private static LoyaltyRulesEngine gbp;
  private static LoyaltyRulesEngine twd;

  private TestEngines() {}

  /** @return the bundled rules, compiled once */
  public static synchronized RuleBase defaults() {
    if (defaults == null) {
      defaults = RuleBase.defaults();
    }
    return defaults;
  }

  /** @return the default rules under the GBP / Europe/London programme the CLI uses for Online Retail */
  public static synchronized LoyaltyRulesEngine gbp() {
    if (gbp == null) {
      gbp = LoyaltyRulesEngine.builder(CliProgrammes.of(Currency.getInstance("GBP"), ZoneId.of("Europe/London"), null,
          List.of())).ruleBase(defaults()).build();
    }
    return gbp;
  }

  /** @return the TWD / Asia/Taipei programme (no rules compiled) */
  public static org.loyaltyrules.loyalty.Programme twdProgramme() {
    return CliProgrammes.of(Currency.getInstance("TWD"), ZoneId.of("Asia/Taipei"), null, List.of());
  }

  /** @return the default rules under the TWD / Asia/Taipei programme */
  public static synchronized LoyaltyRulesEngine twd() {
    if (twd == null) {
      twd = LoyaltyRulesEngine.builder(CliProgrammes.of(Currency.getInstance("TWD"), ZoneId.of("Asia/Taipei"), null,
          List.of())).ruleBase(defaults()).build();
    }
    return twd;
  }
}
