package org.loyaltyrules.loyalty.examples.benchmarks.naive;

/**
 * The order as the naive rule base sees it: plain fields a tutorial would use.
 */
public final class NaiveOrder {
  private final String tier;
  private final String channel;
  private final int day;
  private final int dayOfWeek;
  private final int monthDay;
  private final boolean birthdayMonth;
  private final boolean firstOrder;
  private final double spend;

  /**
   * @param tier the member's tier code
   * @param channel the channel code
   * @param day the local date as yyyymmdd
   * @param dayOfWeek 1 (Monday) to 7
   * @param monthDay the local month and day as mmdd
   * @param birthdayMonth whether it is the member's birthday month
   * @param firstOrder whether it is the member's first order
   * @param spend the earning base
   */
  public NaiveOrder(String tier, String channel, int day, int dayOfWeek, int monthDay, boolean birthdayMonth,
      boolean firstOrder, double spend) {
    this.tier = tier;
    this.channel = channel;
    this.day = day;
    this.dayOfWeek = dayOfWeek;
    this.monthDay = monthDay;
    this.birthdayMonth = birthdayMonth;
    this.firstOrder = firstOrder;
    this.spend = spend;
  }

  public String getTier() {
    return tier;
  }

  public String getChannel() {
    return channel;
  }

  public int getDay() {
    return day;
  }

  public int getDayOfWeek() {
    return dayOfWeek;
  }

  public int getMonthDay() {
    return monthDay;
  }

  public boolean isBirthdayMonth() {
    return birthdayMonth;
  }

  public boolean isFirstOrder() {
    return firstOrder;
  }

  public double getSpend() {
    return spend;
  }
}
