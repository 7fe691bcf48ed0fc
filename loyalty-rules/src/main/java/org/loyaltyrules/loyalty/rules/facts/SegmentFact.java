package org.loyaltyrules.loyalty.rules.facts;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

import java.math.BigDecimal;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.MemberSegment;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * The member's segment as of the event, as rules see it: recency, frequency, monetary value,
 * lifetime value and RFM class, computed from the ledger before the event (the order being decided
 * is not in it) by {@link MemberSegment#of} under the programme's segment policy. Immutable.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class SegmentFact {
  private final String memberId;
  private final MemberSegment segment;

  /**
   * Engine only. Rules cannot call this constructor: the rule checks refuse {@code new} of fact
   * classes, and {@link Decisions} refuses any fact instance the engine did not insert for the
   * evaluation at hand, even one equal to it.
   *
   * @param memberId the member id
   * @param segment the member's segment as of the event
   */
  @API(status = INTERNAL, since = "0.1")
  public SegmentFact(String memberId, MemberSegment segment) {
    this.memberId = memberId;
    this.segment = Checks.present("SegmentFact", "segment", segment);
  }

  /** {@return the member id} */
  public String getMemberId() {
    return memberId;
  }

  /** {@return the RFM class name: NEW, ACTIVE, HIGH_VALUE, AT_RISK, DORMANT or CHURNED} */
  public String getSegment() {
    return segment.rfmClass().name();
  }

  /** {@return local days since the last qualifying order (or enrolment, without one)} */
  public long getRecencyDays() {
    return segment.recencyDays();
  }

  /** {@return local days since the first qualifying order (or enrolment, without one)} */
  public long getDaysSinceFirstOrder() {
    return segment.daysSinceFirstOrder();
  }

  /** {@return qualifying orders in the policy's window} */
  public int getFrequency() {
    return segment.frequency();
  }

  /** {@return net qualifying spend of those orders, in the programme currency} */
  public BigDecimal getMonetary() {
    return segment.monetary().amount();
  }

  /** {@return net qualifying spend of every order the ledger holds (historical CLV)} */
  public BigDecimal getLifetimeValue() {
    return segment.lifetimeValue().amount();
  }

  @Override
  public String toString() {
    return "SegmentFact[" + memberId + ", " + segment.rfmClass() + "]";
  }
}
