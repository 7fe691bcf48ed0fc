package org.loyaltyrules.loyalty.rules.testkit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Supplier;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.DecisionContext;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.MemberState;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Upline;
import org.loyaltyrules.loyalty.TierChange;
import org.loyaltyrules.loyalty.testkit.LedgerInvariants;
import org.loyaltyrules.loyalty.testkit.LedgerSnapshot;

/**
 * The invariants every programme must keep, whatever its rule files say, checked around one event
 * at a time on a {@link MerchantHost}. {@link ProgrammeHarness#replay} runs all of them after every
 * event of a scenario; each can also be called on its own from a merchant's tests. A violation
 * throws {@link AssertionError} whose message starts with the invariant's name:
 *
 * <ul>
 *   <li><b>decisions-are-deterministic</b>: deciding an event on the host's ledgers and again on
 *       copies of them gives equal decisions (entries, tier change, fired rules, notices).
 *   <li><b>deciding-leaves-inputs-unchanged</b>: deciding changes none of the ledgers or members
 *       in the decision's context (the engine only proposes entries).
 *   <li><b>ledger-invariants</b>: every touched ledger keeps loyalty-core's {@link LedgerInvariants}
 *       (among them, the balance is the sum of the entries, and clawbacks never exceed what they
 *       reverse).
 *   <li><b>clawback-within-earned</b>: per order, the points clawed back never exceed the points
 *       the order earned, and once every unit has come back they are all clawed back.
 *   <li><b>redelivery-adds-nothing</b>: an event decided again after its decision was appended
 *       decides no entries and no new tier change, and appending its decision again changes no
 *       ledger.
 * </ul>
 *
 * <p>This class has only static methods. Apart from appending a decision a second time (which must
 * be a no-op), it never changes the host.
 */
public final class ProgrammeInvariants {

  private ProgrammeInvariants() {}

  /**
   * Decides an event on the host's live inputs, then again on copies of its ledgers, and checks
   * <b>decisions-are-deterministic</b> and <b>deciding-leaves-inputs-unchanged</b>.
   *
   * @param host the host; left unchanged
   * @param event the event
   * @return the decision, not appended
   * @throws AssertionError if either invariant is broken
   */
  public static Decision decideChecked(MerchantHost host, LoyaltyEvent event) {
    DecisionContext context = host.context(event.memberId());
    List<MemberState> states = states(host, context);
    List<LedgerSnapshot> before = new ArrayList<>();
    for (MemberState state : states) {
      before.add(LedgerSnapshot.of(state.ledger()));
    }

    Decision decision = host.engine().decide(event, context);
    Decision again = host.engine().decide(event, copyOf(context));

    for (int i = 0; i < states.size(); i++) {
      MemberState state = states.get(i);
      Member now = host.member(state.member().id());
      require(now.equals(state.member()), "deciding-leaves-inputs-unchanged",
          () -> "member [" + state.member().id() + "] is " + now + "; expected " + state.member());
      LedgerSnapshot was = before.get(i);
      LedgerSnapshot after = LedgerSnapshot.of(state.ledger());
      require(after.equals(was), "deciding-leaves-inputs-unchanged",
          () -> "ledger of [" + state.member().id() + "] changed while the engine decided: " + was.entries().size()
              + " entries, balance " + was.balance() + " before; " + after.entries().size() + " entries, balance "
              + after.balance() + " after");
    }
    require(decision.equals(again), "decisions-are-deterministic",
        () -> "two decisions on equal inputs differ:\n    first:  " + summary(decision) + "\n    second: " + summary(again));
    return decision;
  }

  /**
   * Checks <b>ledger-invariants</b> on the given members' ledgers.
   *
   * @param host the host; left unchanged
   * @param memberIds the members whose ledgers to check
   * @throws AssertionError naming the member and the ledger invariant broken
   */
  public static void checkLedgers(MerchantHost host, Collection<String> memberIds) {
    for (String id : memberIds) {
      try {
        LedgerInvariants.check(host.ledger(id));
      } catch (AssertionError e) {
        throw violation("ledger-invariants", "ledger of member [" + id + "]: " + e.getMessage(), e);
      }
    }
  }

  /**
   * Checks <b>clawback-within-earned</b> for one paid order, in the ledger of the member who paid.
   *
   * @param host the host; left unchanged
   * @param order the paid order
   * @param fullyReturned whether every unit of every line has come back
   * @throws AssertionError if more was clawed back than earned, or not all of it after a full return
   */
  public static void checkClawbacks(MerchantHost host, Order order, boolean fullyReturned) {
    PointLedger ledger = host.ledger(order.memberId());
    long earned = ledger.earnedPoints(order.id()).value();
    long clawed = ledger.reversedPointsOfSource(order.id()).value();
    require(clawed >= 0 && clawed <= earned, "clawback-within-earned", () -> "order [" + order.id() + "] of member ["
        + order.memberId() + "] clawed back [" + clawed + "] points; expected 0 to the [" + earned + "] it earned");
    require(!fullyReturned || clawed == earned, "clawback-within-earned", () -> "order [" + order.id() + "] of member ["
        + order.memberId() + "] came back in full but clawed back [" + clawed + "] points; expected all [" + earned
        + "] it earned");
  }

  /**
   * Checks <b>redelivery-adds-nothing</b> for an event whose decision was just appended: decides it
   * again, then appends the first decision again.
   *
   * @param host the host, with {@code first} appended
   * @param event the event
   * @param first the decision that was appended
   * @throws AssertionError if the redelivery decides something new or the re-append changes a ledger
   */
  public static void checkRedeliveryAddsNothing(MerchantHost host, LoyaltyEvent event, Decision first) {
    requireNothingNew(event, host.decide(event), Optional.of(first));
    for (String id : MerchantHost.touchedBy(first)) {
      PointLedger ledger = host.ledger(id);
      int size = ledger.size();
      List<PointLedger.AppendResult> results = ledger.appendAll(first.entriesFor(id));
      require(results.stream().allMatch(r -> r == PointLedger.AppendResult.DUPLICATE) && ledger.size() == size,
          "redelivery-adds-nothing", () -> "appending the decision again to the ledger of [" + id + "] gave " + results
              + "; expected DUPLICATE for every entry");
    }
  }

  /**
   * Checks that a decision on a redelivered event adds nothing: no entries and no tier change. A
   * tier review decided again may only repeat the tier change the first review decided, when that
   * change is not effective yet (a downgrade waiting out its grace period).
   *
   * @param event the redelivered event
   * @param decision the decision on it
   * @param first the decision on its first delivery, if known
   * @throws AssertionError naming <b>redelivery-adds-nothing</b>
   */
  public static void requireNothingNew(LoyaltyEvent event, Decision decision, Optional<Decision> first) {
    require(decision.entries().isEmpty(), "redelivery-adds-nothing",
        () -> "event [" + event.eventId() + "] decided again gave entries " + entries(decision) + "; expected none");
    Optional<TierChange> pending = first.flatMap(Decision::tierChange)
        .filter(change -> event instanceof LoyaltyEvent.TierReview && change.effectiveAt().isAfter(event.occurredAt()));
    require(decision.tierChange().isEmpty() || decision.tierChange().equals(pending), "redelivery-adds-nothing",
        () -> "event [" + event.eventId() + "] decided again gave tier change " + decision.tierChange().orElseThrow()
            + "; expected none");
  }

  /**
   * @param decision a decision
   * @return its entries, tier change, fired rules and notices on one line, for failure messages
   */
  public static String summary(Decision decision) {
    return "entries " + entries(decision) + ", tier change " + decision.tierChange().map(Object::toString).orElse("none")
        + ", fired " + decision.firedRules() + ", notices " + decision.notices();
  }

  private static String entries(Decision decision) {
    StringJoiner text = new StringJoiner(", ", "[", "]");
    for (LedgerEntry entry : decision.entries()) {
      text.add(entry.key() + " " + (entry.points().value() >= 0 ? "+" : "") + entry.points().value() + " for "
          + entry.memberId());
    }
    return text.toString();
  }

  /** The member's state and, from the host, the full states of the uplines the context names. */
  private static List<MemberState> states(MerchantHost host, DecisionContext context) {
    List<MemberState> states = new ArrayList<>();
    states.add(context.member());
    for (Upline upline : context.uplines()) {
      states.add(new MemberState(upline.member(), host.ledger(upline.member().id())));
    }
    return states;
  }

  /** Equal inputs, shared with nothing mutable: a copy of the member's ledger; uplines are values (their planners only read). */
  private static DecisionContext copyOf(DecisionContext context) {
    return new DecisionContext(new MemberState(context.member().member(), context.member().ledger().copy()),
        context.uplines());
  }

  private static void require(boolean condition, String invariant, Supplier<String> detail) {
    if (!condition) {
      throw violation(invariant, detail.get(), null);
    }
  }

  private static AssertionError violation(String invariant, String detail, Throwable cause) {
    return new AssertionError("Invariant [" + invariant + "] broken: " + detail, cause);
  }
}
