package com.example.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Channel;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.PointLedger.AppendResult;
import org.loyaltyrules.loyalty.rules.LoyaltyRulesEngine;
import org.loyaltyrules.loyalty.rules.Programmes;

/**
 * What a host does with the library, in a project of its own that depends on the installed jars:
 * decide an order, store the decision's entries in a database table, read them back and append
 * them again, which must be a harmless duplicate.
 */
class StoreDecisionTest {
  private static final Instant ENROLLED = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant PAID = Instant.parse("2025-11-11T02:30:00Z");

  @Test
  void libraryJars_areTheInstalledArtifacts_withTheirModuleNames() throws URISyntaxException {
    // given
    Path core = jarOf(Money.class);
    Path rules = jarOf(LoyaltyRulesEngine.class);

    // when
    String coreModule = moduleName(core);
    String rulesModule = moduleName(rules);

    // then: jars from a local repository, not the library build's target/classes
    assertThat(core.getFileName().toString()).matches("loyalty-core-.+\\.jar");
    assertThat(rules.getFileName().toString()).matches("loyalty-rules-.+\\.jar");
    assertThat(core.toString()).contains("/org/loyaltyrules/loyalty-core/");
    assertThat(core).as("never the user's own local repository")
        .doesNotStartWith(Path.of(System.getProperty("user.home"), ".m2"));
    assertThat(coreModule).isEqualTo("org.loyaltyrules.loyalty");
    assertThat(rulesModule).isEqualTo("org.loyaltyrules.loyalty.rules");
  }

  @Test
  void paidOrder_appendedTwice_secondTimeIsDuplicates() {
    // given
    LoyaltyRulesEngine engine = LoyaltyRulesEngine.builder(Programmes.taiwan(List.of())).build();
    Member member = Member.of("m-1", ENROLLED, "member");
    PointLedger ledger = engine.programme().newLedger(member.id());
    Order order = Order.of("o-1", member.id(), PAID, Channel.ONLINE_STORE, List.of(
        OrderLine.of("l1", "TEA-01", "tea", 3, Money.of("450", "TWD"))));
    Decision decision = engine.decide(new LoyaltyEvent.OrderPaid(order), DecisionContext.of(member, ledger));
    List<LedgerEntry> decided = decision.entriesFor(member.id());

    // when
    List<AppendResult> first = ledger.appendAll(decided);
    List<AppendResult> again = ledger.appendAll(decided);

    // then
    assertThat(first).isNotEmpty().containsOnly(AppendResult.APPENDED);
    assertThat(again).hasSize(decided.size()).containsOnly(AppendResult.DUPLICATE);
    assertThat(ledger.entries()).hasSize(decided.size());
    assertThat(ledger.balance()).isEqualTo(decision.pointsFor(member.id()));
  }

  private static Path jarOf(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /** The name the module system gives the jar: its Automatic-Module-Name, if it has one. */
  private static String moduleName(Path jar) {
    Set<String> names = ModuleFinder.of(jar).findAll().stream()
        .map(ModuleReference::descriptor).map(d -> d.name()).collect(Collectors.toSet());
    assertThat(names).hasSize(1);
    return names.iterator().next();
  }
}
