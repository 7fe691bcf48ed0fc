package org.loyaltyrules.loyalty.rules.testkit;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.loyaltyrules.loyalty.Channel;

/**
 * What a shop sells and where, as far as generated orders need it: the SKUs and categories order
 * lines draw from, the channels orders come through, the member tags members draw from, and the
 * highest unit price. SKUs and categories are combined freely (a SKU may turn up in any category),
 * so rules are also tried on combinations the shop's product data would not produce.
 *
 * <pre>{@code
 * Catalogue teaShop = Catalogue.of(
 *     List.of("BT-CLASSIC", "BT-TARO", "FT-MANGO", "TOP-PEARL", "GC-500"),
 *     List.of("milk-tea", "fruit-tea", "topping", "gift-card"),
 *     List.of(Channel.POS, Channel.APP))
 *   .withMaxUnitPrice(500);
 * }</pre>
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param skus the SKUs lines use, at least one
 * @param categories the categories lines use, at least one
 * @param channels the channels orders come through, at least one
 * @param tags member tags (segments such as {@code vip}), kept sorted; may be empty
 * @param maxUnitPrice the highest unit price, in whole units of the programme currency, ≥ 1
 */
public record Catalogue(
    List<String> skus, List<String> categories, List<Channel> channels, Set<String> tags, long maxUnitPrice) {

  /** The highest unit price {@link #of} allows: 3,000 whole units. */
  public static final long DEFAULT_MAX_UNIT_PRICE = 3_000;

  /** Validates and copies every component. */
  public Catalogue {
    skus = nonEmptyCopy("skus", skus);
    categories = nonEmptyCopy("categories", categories);
    channels = nonEmptyCopy("channels", channels);
    // Sorted, so generation draws the same tag for the same seed in every JVM (Set.copyOf's order varies).
    tags = Collections.unmodifiableSortedSet(new TreeSet<>(Objects.requireNonNull(tags, "tags")));
    if (maxUnitPrice < 1) {
      throw new IllegalArgumentException("Invalid catalogue: maxUnitPrice [" + maxUnitPrice + "]; expected ≥ 1");
    }
  }

  /**
   * A catalogue without member tags, with unit prices up to {@value #DEFAULT_MAX_UNIT_PRICE}.
   *
   * @param skus the SKUs
   * @param categories the categories
   * @param channels the channels
   * @return the catalogue
   */
  public static Catalogue of(List<String> skus, List<String> categories, List<Channel> channels) {
    return new Catalogue(skus, categories, channels, Set.of(), DEFAULT_MAX_UNIT_PRICE);
  }

  /**
   * @param tags member tags to draw from
   * @return a copy with those tags
   */
  public Catalogue withTags(Set<String> tags) {
    return new Catalogue(skus, categories, channels, tags, maxUnitPrice);
  }

  /**
   * @param wholeUnits the highest unit price, in whole units of the programme currency
   * @return a copy with that ceiling
   */
  public Catalogue withMaxUnitPrice(long wholeUnits) {
    return new Catalogue(skus, categories, channels, tags, wholeUnits);
  }

  private static <T> List<T> nonEmptyCopy(String field, List<T> values) {
    Objects.requireNonNull(values, field);
    if (values.isEmpty()) {
      throw new IllegalArgumentException("Invalid catalogue: " + field + " [[]]; expected at least one");
    }
    return List.copyOf(values);
  }
}
