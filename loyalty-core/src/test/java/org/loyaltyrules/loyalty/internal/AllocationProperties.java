package org.loyaltyrules.loyalty.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/**
 * The one largest-remainder routine: exact sums, proportional shares, zero for zero weights, a
 * split that ignores the parts' order, and the same result as Order's copy it replaced (the
 * engine's copy, Shares.split, is the routine itself, moved).
 */
class AllocationProperties {

  /** Weights of one split, with unique ids; some weights zero, some equal, to exercise ties. */
  record Parts(long[] weights, String[] ids) {
    BigDecimal[] decimals() {
      BigDecimal[] d = new BigDecimal[weights.length];
      for (int i = 0; i < weights.length; i++) {
        d[i] = BigDecimal.valueOf(weights[i]);
      }
      return d;
    }

    BigInteger sum() {
      BigInteger s = BigInteger.ZERO;
      for (long w : weights) {
        s = s.add(BigInteger.valueOf(w));
      }
      return s;
    }
  }

  @Provide
  Arbitrary<Parts> parts() {
    Arbitrary<Long> weight = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(0, 5)),
        net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(0, 1_000_000_000_000L)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(0L)));
    return weight.list().ofMinSize(1).ofMaxSize(12).flatMap(ws -> Arbitraries.strings().alpha().ofMinLength(1)
        .ofMaxLength(3).set().ofSize(ws.size()).map(idSet -> {
          List<String> ids = new ArrayList<>(idSet);
          Collections.shuffle(ids, new Random(ws.hashCode()));
          long[] w = ws.stream().mapToLong(Long::longValue).toArray();
          return new Parts(w, ids.toArray(new String[0]));
        }));
  }

  @Property
  void sharesAddUpToTheTotalExactly(
      @ForAll("parts") Parts parts, @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long total) {
    // when
    long[] shares = Allocation.largestRemainder(total, parts.weights(), parts.ids());

    // then
    BigInteger sum = BigInteger.ZERO;
    for (long s : shares) {
      sum = sum.add(BigInteger.valueOf(s));
    }
    assertThat(sum).isEqualTo(BigInteger.valueOf(total));
  }

  @Property
  void eachShareIsWithinOneOfItsExactProportion(
      @ForAll("parts") Parts parts, @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long total) {
    // given
    BigDecimal weightSum = new BigDecimal(parts.sum());

    // when
    long[] shares = Allocation.largestRemainder(total, parts.decimals(), parts.ids());

    // then
    for (int i = 0; i < shares.length; i++) {
      BigDecimal exact = weightSum.signum() == 0
          ? BigDecimal.valueOf(total).divide(BigDecimal.valueOf(shares.length), 20, RoundingMode.HALF_EVEN)
          : BigDecimal.valueOf(total).multiply(parts.decimals()[i]).divide(weightSum, 20, RoundingMode.HALF_EVEN);
      BigDecimal gap = BigDecimal.valueOf(shares[i]).subtract(exact).abs();
      assertThat(gap).as("share %s of %s, exact %s", i, shares[i], exact).isLessThan(BigDecimal.ONE);
    }
  }

  @Property
  void zeroWeightsGetZeroWhenAnyWeightIsPositive(
      @ForAll("parts") Parts parts, @ForAll @LongRange(min = 0, max = 1_000_000_000L) long total) {
    // when
    long[] shares = Allocation.largestRemainder(total, parts.weights(), parts.ids());

    // then
    for (int i = 0; i < shares.length; i++) {
      if (parts.weights()[i] == 0 && parts.sum().signum() > 0) {
        assertThat(shares[i]).as("share of zero-weight part %s", parts.ids()[i]).isZero();
      }
    }
  }

  @Property
  void aPartsShareDoesNotDependOnTheOrderOfTheParts(
      @ForAll("parts") Parts parts, @ForAll @LongRange(min = 0, max = 1_000_000L) long total, @ForAll Random random) {
    // given
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < parts.ids().length; i++) {
      order.add(i);
    }
    Collections.shuffle(order, random);
    long[] weights = new long[order.size()];
    String[] ids = new String[order.size()];
    for (int k = 0; k < order.size(); k++) {
      weights[k] = parts.weights()[order.get(k)];
      ids[k] = parts.ids()[order.get(k)];
    }

    // when
    long[] original = Allocation.largestRemainder(total, parts.weights(), parts.ids());
    long[] shuffled = Allocation.largestRemainder(total, weights, ids);

    // then
    for (int k = 0; k < order.size(); k++) {
      assertThat(shuffled[k]).as("share of %s", ids[k]).isEqualTo(original[order.get(k)]);
    }
  }

  @Property
  void splitsLikeTheOrderDiscountCodeItReplaced(
      @ForAll("parts") Parts parts, @ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long wanted) {
    // given: Order only ever split a discount no larger than the positive subtotal
    net.jqwik.api.Assume.that(parts.sum().signum() > 0);
    long discount = BigInteger.valueOf(wanted).min(parts.sum()).longValueExact();

    // when / then
    assertThat(Allocation.largestRemainder(discount, parts.weights(), parts.ids()))
        .containsExactly(previousOrderSplit(discount, parts.weights(), parts.ids()));
  }

  /** Order.netAfterOrderDiscount's split before issue 13, verbatim but for names. */
  private static long[] previousOrderSplit(long discount, long[] nets, String[] ids) {
    int n = nets.length;
    long total = 0;
    for (long net : nets) {
      total += net;
    }
    long[] share = new long[n];
    long[] remainder = new long[n];
    long allocated = 0;
    for (int i = 0; i < n; i++) {
      BigInteger[] split = BigInteger.valueOf(discount).multiply(BigInteger.valueOf(nets[i]))
          .divideAndRemainder(BigInteger.valueOf(total));
      share[i] = split[0].longValueExact();
      remainder[i] = split[1].longValueExact();
      allocated += share[i];
    }
    List<Integer> byRemainder = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byRemainder.add(i);
    }
    byRemainder.sort((a, b) -> remainder[a] != remainder[b] ? Long.compare(remainder[b], remainder[a])
        : ids[a].compareTo(ids[b]));
    for (int k = 0; allocated < discount && k < n; k++) {
      share[byRemainder.get(k)]++;
      allocated++;
    }
    return share;
  }
}
