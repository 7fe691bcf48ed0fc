package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.loyaltyrules.loyalty.rules.Fixtures.line;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.LoyaltyException;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.files.RuleFiles;

/**
 * Random merchant rule files through every layer at once (grammar, compile, compiled-code check,
 * trial, engine): a file built from the grammar, or such a file with a random cut, either loads and
 * then decides events with nothing but decisions and typed {@link LoyaltyException}s, or is
 * rejected with every error placed in the file. Each try compiles a rule base, hence few tries.
 */
class MerchantRuleProperties {
  private static final Programme PROGRAMME = Programmes.taiwan(List.of());

  @Provide
  Arbitrary<String> ruleFiles() {
    Arbitrary<String> valid = GrammarRules.files();
    Arbitrary<String> cut = Arbitraries.longs().map(seed -> {
      Random random = new Random(seed);
      String file = GrammarRules.file(random);
      int from = random.nextInt(file.length());
      int to = Math.min(file.length(), from + 1 + random.nextInt(40));
      return file.substring(0, from) + file.substring(to);
    });
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, valid), net.jqwik.api.Tuple.of(1, cut));
  }

  @Property(tries = 25)
  void aRandomRuleFileLoadsAndDecidesWithTypedOutcomesOnly_orIsRejectedWithPositions(@ForAll("ruleFiles") String drl) {
    // given
    RuleFiles files = RuleFiles.of(List.of(RuleSource.of("random.drl", drl))).over(RuleFiles.bundled());

    // when
    LoadedRules loaded;
    try {
      loaded = files.load(PROGRAMME);
    } catch (RuleFileException e) {
      // then: rejected, each error in the merchant's file with its line and column
      assertThat(e.problems()).as(drl).filteredOn(RuleFileProblem::isError).isNotEmpty().allSatisfy(p -> {
        assertThat(p.file()).isEqualTo("random.drl");
        assertThat(p.line()).isPositive();
        assertThat(p.column()).isPositive();
      });
      return;
    }

    // then: accepted, and every event gets a decision or a typed refusal
    LoyaltyRulesEngine engine = loaded.engine();
    Member member = Member.of("m-1", taipei("2025-01-01T00:00"), "member");
    List<LoyaltyEvent> events = List.of(
        new LoyaltyEvent.MemberEnrolled("e-1", "m-1", taipei("2025-01-01T00:00")),
        new LoyaltyEvent.OrderPaid(order("o-1", "m-1", taipei("2025-05-05T12:00"), Channel.POS,
            line("l1", "BEAN-1", "coffee", 2, "450"), line("l2", "GC-1", "gift-card", 1, "1000"))),
        new LoyaltyEvent.OrderPaid(order("o-2", "m-1", taipei("2025-05-06T12:00"), "0")),
        new LoyaltyEvent.TierReview("r-1", "m-1", taipei("2025-12-31T23:00")));
    for (LoyaltyEvent event : events) {
      try {
        assertThat(engine.decide(event, DecisionContext.of(member, engine.programme().newLedger("m-1")))).isNotNull();
      } catch (LoyaltyException e) {
        // a typed refusal: allowed
      } catch (Throwable e) {
        fail("untyped " + e + " deciding " + event + " with\n" + drl, e);
      }
    }
  }
}
