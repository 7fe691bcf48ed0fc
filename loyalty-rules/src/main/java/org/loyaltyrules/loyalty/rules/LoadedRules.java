package org.loyaltyrules.loyalty.rules;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * Rule files that loaded: the compiled rules, the programme with the files' calendar and ladder,
 * and the warnings found on the way.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param ruleBase the compiled rules
 * @param programme the programme they run under
 * @param warnings problems that did not block loading, in file, line and column order
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record LoadedRules(RuleBase ruleBase, Programme programme, List<RuleFileProblem> warnings) {
  /**
   * Copies the warnings.
   *
   * @param ruleBase the compiled rules
   * @param programme the programme they run under
   * @param warnings problems that did not block loading, in file, line and column order
   */
  public LoadedRules {
    Checks.present("LoadedRules", "ruleBase", ruleBase);
    Checks.present("LoadedRules", "programme", programme);
    warnings = Checks.elements("LoadedRules", "warnings", warnings);
  }

  /** {@return an engine running these rules with the default bounds} */
  public LoyaltyRulesEngine engine() {
    return LoyaltyRulesEngine.builder(programme).ruleBase(ruleBase).build();
  }
}
