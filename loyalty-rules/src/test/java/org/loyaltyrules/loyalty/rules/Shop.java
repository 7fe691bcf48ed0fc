package org.loyaltyrules.loyalty.rules;

import java.util.List;
import java.util.Set;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.testkit.MerchantHost;

/**
 * The library's own tests' name for the kit's {@link MerchantHost} (a host in miniature: members,
 * ledgers, context with the referral chain, decisions appended and effective tier changes applied,
 * every touched ledger's invariants checked after each append), with the shorthand those tests use.
 */
final class Shop {
  final LoyaltyRulesEngine engine;
  final Programme programme;
  private final MerchantHost host;

  Shop(Programme programme) {
    this(Fixtures.engine(programme));
  }

  Shop(LoyaltyRulesEngine engine) {
    this.engine = engine;
    this.programme = engine.programme();
    this.host = new MerchantHost(engine);
  }

  /** Skips the (replaying) invariant check after each decision; for hot property loops. */
  Shop withoutInvariantChecks() {
    host.withoutInvariantChecks();
    return this;
  }

  Member join(Member member) {
    return host.join(member);
  }

  Member member(String id) {
    return host.member(id);
  }

  PointLedger ledger(String id) {
    return host.ledger(id);
  }

  Set<String> memberIds() {
    return host.memberIds();
  }

  void setTier(String memberId, String tier) {
    host.setTier(memberId, tier);
  }

  long balance(String memberId) {
    return host.ledger(memberId).balance().value();
  }

  Points pointsOf(String memberId) {
    return host.ledger(memberId).balance();
  }

  DecisionContext context(String memberId) {
    return host.context(memberId);
  }

  /** Decides without appending anything. */
  Decision decide(LoyaltyEvent event) {
    return host.decide(event);
  }

  /** Decides, then appends and applies the decision. */
  Decision apply(LoyaltyEvent event) {
    return host.apply(event);
  }

  /** Appends a decision's entries and applies an effective tier change; see {@link MerchantHost#append}. */
  List<PointLedger.AppendResult> append(Decision decision, LoyaltyEvent event) {
    return host.append(decision, event);
  }
}
