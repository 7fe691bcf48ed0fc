package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * A member's RFM class (recency, frequency, monetary value) as {@link SegmentPolicy#classify} decides
 * it: every member is in exactly one. In the order the classification checks them: {@link #CHURNED},
 * {@link #DORMANT} and {@link #AT_RISK} by recency alone, then, for a recent member, {@link
 * #HIGH_VALUE} by spend, {@link #NEW} by how recently they started, else {@link #ACTIVE}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum RfmClass {
  /** 新客: first qualifying order (or enrolment, without one) within the policy's new-member days. */
  NEW,
  /** 活躍: ordered recently, neither new nor high value. */
  ACTIVE,
  /** 高消費: ordered recently and spent at least the policy's high-value amount in the window. */
  HIGH_VALUE,
  /** 流失風險: no order for more than the active days. */
  AT_RISK,
  /** 沉睡: no order for more than the at-risk days. */
  DORMANT,
  /** 流失: no order for more than the dormant days. */
  CHURNED
}
