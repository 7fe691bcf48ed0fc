package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.junit.jupiter.api.Test;

/** A missing argument of loyalty-rules' API is a typed error naming the parameter, and changes nothing. */
class NullArgumentsTest {

  @Test
  void reload_nullRuleBase_isRefusedAsInvalidValueAndKeepsTheRules() {
    // given
    LoyaltyRulesEngine engine = LoyaltyRulesEngine.builder(Programmes.taiwan(List.of())).build();
    String before = engine.ruleBaseVersion();

    // when / then
    assertThatThrownBy(() -> engine.reload(null, engine.programme(), RuleTrial.generated()))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("ruleBase [null]; expected a value");
    assertThat(engine.ruleBaseVersion()).isEqualTo(before);
  }

  @Test
  void reload_nullLoadedRules_isRefusedAsInvalidValue() {
    // given
    LoyaltyRulesEngine engine = LoyaltyRulesEngine.builder(Programmes.taiwan(List.of())).build();

    // when / then
    assertThatThrownBy(() -> engine.reload((LoadedRules) null))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("loaded [null]");
  }

  @Test
  void ruleFileProblem_negativeLine_isRefusedAsInvalidValue() {
    // when / then
    assertThatThrownBy(() -> new RuleFileProblem("x.drl", -1, 0, "r", "c", "m", RuleFileProblem.Severity.ERROR))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("line [-1]; expected ≥ 0");
  }
}
