package org.loyaltyrules.loyalty.examples.merchantcli.replay;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;

/**
 * Finds which earlier purchases returned units take back. Inputs such as Online Retail do not say
 * which invoice a cancellation reverses, so units match the same member's purchases of the same SKU,
 * earliest unreturned first; when the input names the order ({@code return_of}), only that order's
 * lines match.
 *
 * <p>Not thread-safe: owned by one replay run.
 */
final class ReturnMatcher {
  /** Units of one order line still unreturned. */
  static final class Slot {
    final Order order;
    final String lineId;
    int remaining;

    Slot(Order order, String lineId, int remaining) {
      this.order = order;
      this.lineId = lineId;
      this.remaining = remaining;
    }
  }

  /** The member's purchases of one SKU, oldest first; slots before {@code head} are used up. */
  private static final class Slots {
    Slot[] slots = new Slot[2];
    int head;
    int size;

    void add(Slot slot) {
      if (size == slots.length) {
        slots = Arrays.copyOf(slots, size * 2);
      }
      slots[size++] = slot;
    }
  }

  /** Receives each match. */
  interface Taker {
    void take(Slot slot, int units);
  }

  private final Map<String, Map<String, Slots>> byMember = new HashMap<>();

  /**
   * Records a paid order's lines as returnable.
   *
   * @param order the order
   */
  void bought(Order order) {
    Map<String, Slots> skus = byMember.computeIfAbsent(order.memberId(), k -> new HashMap<>());
    for (OrderLine line : order.lines()) {
      skus.computeIfAbsent(line.sku(), k -> new Slots()).add(new Slot(order, line.lineId(), line.quantity()));
    }
  }

  /**
   * Matches returned units.
   *
   * @param memberId the member
   * @param sku the SKU returned
   * @param units the units returned, positive
   * @param returnOf the order named by the input, if any
   * @param taker receives (slot, units) for each match, oldest first
   * @return the units that matched nothing
   */
  int match(String memberId, String sku, int units, Optional<String> returnOf, Taker taker) {
    Map<String, Slots> skus = byMember.get(memberId);
    Slots slots = skus == null ? null : skus.get(sku);
    if (slots == null) {
      return units;
    }
    int left = units;
    while (slots.head < slots.size && slots.slots[slots.head].remaining == 0) {
      slots.slots[slots.head] = null;
      slots.head++;
    }
    for (int i = slots.head; i < slots.size && left > 0; i++) {
      Slot slot = slots.slots[i];
      if (slot.remaining == 0 || returnOf.isPresent() && !slot.order.id().equals(returnOf.get())) {
        continue;
      }
      int take = Math.min(left, slot.remaining);
      slot.remaining -= take;
      left -= take;
      taker.take(slot, take);
    }
    return left;
  }
}
