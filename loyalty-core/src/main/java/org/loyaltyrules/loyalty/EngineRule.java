package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * The rule names recorded in {@link Provenance#rule()} on entries and tier changes the engine makes
 * itself, without a merchant rule: refunds, redemptions, releases, expiry. They are part of the
 * stored format (a statement or an audit query may look for them) and never change; hosts and tests
 * compare against these constants instead of copying the text.
 *
 * <p>This class is immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class EngineRule {
  private EngineRule() {}

  /** Clawbacks of the original award of returned units. */
  public static final String REFUND = "engine: claw back the original award of returned units";
  /** Clawbacks of referral bonuses after the referee's order was fully refunded. */
  public static final String REFERRAL_ROLLBACK = "engine: claw back referral bonus after full refund";
  /** Redemptions of points as cash value. */
  public static final String REDEEM = "engine: redeem points as cash value";
  /** Cancelled redemptions giving their points back. */
  public static final String REDEEM_CANCEL = "engine: give back a cancelled redemption";
  /** Early releases of pending points. */
  public static final String RELEASE = "engine: release pending points";
  /** Expiry of points past their expiry. */
  public static final String EXPIRE = "engine: expire points past their expiry";
  /** The qualifying spend of an order no earning rule matched (its base entry, with no points). */
  public static final String SPEND = "engine: record qualifying spend";
  /** Tier changes after a refund lowered the qualifying spend. */
  public static final String TIER_REFUND = "engine: recompute tier after refund";
  /** Spends of store credit. */
  public static final String CREDIT_SPEND = "engine: spend store credit";
  /** Cancelled store-credit spends giving their credit back. */
  public static final String CREDIT_SPEND_CANCEL = "engine: give back a cancelled store-credit spend";
  /** Expiry of store credit past its expiry. */
  public static final String CREDIT_EXPIRE = "engine: expire store credit past its expiry";
  /** Clawbacks of store credit an order granted, when that order is refunded. */
  public static final String CREDIT_REFUND = "engine: claw back store credit of a refunded order";
}
