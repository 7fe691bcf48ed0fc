package com.example.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
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
import org.loyaltyrules.loyalty.json.LoyaltyJson;
import org.loyaltyrules.loyalty.rules.LoyaltyRulesEngine;
import org.loyaltyrules.loyalty.rules.Programmes;

/**
 * What a host does with the library, in a project of its own that depends on the installed jars
 * (plus Jackson for the JSON form and H2 for the database): decide an order, store the decision and
 * its entries as JSON in database tables, read them back and append them again, which must be a
 * harmless duplicate.
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
    assertThat(core.startsWith(Path.of(System.getProperty("user.home"), ".m2")))
        .as("%s is in the user's own local repository", core).isFalse();
    assertThat(coreModule).isEqualTo("org.loyaltyrules.loyalty");
    assertThat(rulesModule).isEqualTo("org.loyaltyrules.loyalty.rules");
  }

  @Test
  void paidOrder_storedAsJsonAndReadBack_appendsAgainAsDuplicates() throws SQLException {
    // given: a host's tables, and an order decided and appended to the member's ledger
    LoyaltyRulesEngine engine = LoyaltyRulesEngine.builder(Programmes.taiwan(List.of())).build();
    Member member = Member.of("m-1", ENROLLED, "member");
    PointLedger ledger = engine.programme().newLedger(member.id());
    Order order = Order.of("o-1", member.id(), PAID, Channel.ONLINE_STORE, List.of(
        OrderLine.of("l1", "TEA-01", "tea", 3, Money.of("450", "TWD")),
        OrderLine.of("l2", "GC-500", "gift-card", 1, Money.of("500", "TWD"))));
    Decision decision = engine.decide(new LoyaltyEvent.OrderPaid(order), DecisionContext.of(member, ledger));
    List<LedgerEntry> decided = decision.entriesFor(member.id());
    assertThat(ledger.appendAll(decided)).isNotEmpty().containsOnly(AppendResult.APPENDED);

    try (Connection db = DriverManager.getConnection("jdbc:h2:mem:host;DB_CLOSE_DELAY=-1")) {
      HostTables.create(db);

      // when: the host stores the decision and its entries as JSON, and reads them back
      HostTables.storeDecision(db, decision.eventId(), LoyaltyJson.write(decision));
      for (LedgerEntry entry : decided) {
        HostTables.storeEntry(db, entry.memberId(), entry.key(), LoyaltyJson.write(entry));
      }
      Decision decisionBack = LoyaltyJson.read(HostTables.decision(db, decision.eventId()), Decision.class);
      List<LedgerEntry> entriesBack = new ArrayList<>();
      for (String json : HostTables.entries(db, member.id())) {
        entriesBack.add(LoyaltyJson.readEntry(json));
      }
      List<AppendResult> decisionAgain = ledger.appendAll(decisionBack.entriesFor(member.id()));
      List<AppendResult> entriesAgain = ledger.appendAll(entriesBack);

      // then: equal values, and appending them again changes nothing
      assertThat(decisionBack).isEqualTo(decision);
      assertThat(entriesBack).containsExactlyInAnyOrderElementsOf(decided);
      assertThat(decisionAgain).hasSize(decided.size()).containsOnly(AppendResult.DUPLICATE);
      assertThat(entriesAgain).hasSize(decided.size()).containsOnly(AppendResult.DUPLICATE);
      assertThat(ledger.entries()).isEqualTo(decided);
      assertThat(ledger.balance()).isEqualTo(decision.pointsFor(member.id()));
    }
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
