package org.loyaltyrules.loyalty.examples.benchmarks.naive;

/**
 * One order line as the naive rule base sees it.
 */
public final class NaiveLine {
  private final int index;
  private final String sku;
  private final String category;
  private final double net;

  /**
   * @param index the line's position in the order
   * @param sku the SKU
   * @param category the category
   * @param net the line's net after the order discount
   */
  public NaiveLine(int index, String sku, String category, double net) {
    this.index = index;
    this.sku = sku;
    this.category = category;
    this.net = net;
  }

  public int getIndex() {
    return index;
  }

  public String getSku() {
    return sku;
  }

  public String getCategory() {
    return category;
  }

  public double getNet() {
    return net;
  }
}
