package com.shop.facts;

import java.math.BigDecimal;
import java.util.Set;

/**
 * A host application's own fact type, for the tests of {@code DrlPolicy.withFactPackage}: a
 * read-only snapshot with getters of value types, one of a type rules may not use, and a method
 * that is not a getter.
 *
 * <p>This class is immutable and thread-safe.
 */
public final class Basket {
  private final int items;
  private final BigDecimal total;
  private final Set<String> coupons;

  /**
   * @param items the number of items
   * @param total the basket's total
   * @param coupons the coupon codes applied
   */
  public Basket(int items, BigDecimal total, Set<String> coupons) {
    this.items = items;
    this.total = total;
    this.coupons = Set.copyOf(coupons);
  }

  /** @return the number of items */
  public int getItems() {
    return items;
  }

  /** @return the basket's total */
  public BigDecimal getTotal() {
    return total;
  }

  /** @return the coupon codes applied */
  public Set<String> getCoupons() {
    return coupons;
  }

  /** @return a type rules may not use: never a property */
  public Thread getOwnerThread() {
    return Thread.currentThread();
  }

  /** @return not a getter: never callable from a rule */
  public Basket emptied() {
    return new Basket(0, BigDecimal.ZERO, Set.of());
  }
}
