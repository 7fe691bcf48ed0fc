package org.loyaltyrules.loyalty.rules.replay;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.MemberState;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.TierChange;

/**
 * One member as a replay lane keeps them: the member record (its tier follows the decisions), the
 * ledger the decisions were appended to, and a few counters for a statement.
 *
 * <p>Written only by the partition that owns the member while the replay runs; read it from the
 * {@link ReplayResult} afterwards, when nothing changes it any more.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class MemberAccount {
  private Member member;
  private final PointLedger ledger;
  int orders;
  int returns;
  long earned;
  long clawedBack;
  final List<TierChange> tierHistory = new ArrayList<>(1);

  MemberAccount(Member member, PointLedger ledger) {
    this.member = member;
    this.ledger = ledger;
  }

  /** {@return the member, in their current tier} */
  public Member member() {
    return member;
  }

  void member(Member changed) {
    this.member = changed;
  }

  /** {@return the member's ledger} */
  public PointLedger ledger() {
    return ledger;
  }

  /** {@return the member and ledger as the engine reads them} */
  public MemberState state() {
    return new MemberState(member, ledger);
  }

  /** {@return orders decided for the member} */
  public int orders() {
    return orders;
  }

  /** {@return returns decided for the member} */
  public int returns() {
    return returns;
  }

  /** {@return points credited (earned entries, bonuses and referral bonuses included)} */
  public long earned() {
    return earned;
  }

  /** {@return points deducted by clawbacks} */
  public long clawedBack() {
    return clawedBack;
  }

  /** {@return tier changes decided} */
  public int tierChanges() {
    return tierHistory.size();
  }

  /** {@return the tier changes decided, oldest first} */
  public List<TierChange> tierHistory() {
    return Collections.unmodifiableList(tierHistory);
  }
}
