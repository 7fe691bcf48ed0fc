package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * The points of one member that expire soon: those spendable or pending at {@code asOf} whose lot
 * expires after {@code asOf} and at or before {@code until}, one batch per expiry instant. It is
 * exactly what an expiry run at {@code until} would take if nothing else happened in between. Ask
 * {@link PointLedger#expiringSoon(Instant, Instant)}, or {@link Programme#expiringSoon(PointLedger,
 * Instant)} for the programme's warning window.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param asOf the instant the question is asked as of
 * @param until the end of the window (inclusive), not before {@code asOf}
 * @param batches the points per expiry instant, earliest first
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ExpiringPoints(Instant asOf, Instant until, List<Batch> batches) {

  /** The prefix of the member-facing notice on a decision, stable for hosts to find it by. */
  public static final String NOTICE_PREFIX = "expiring-soon: ";

  private static final String SUBJECT = "expiring points";

  /**
   * Points of one member that expire at one instant.
   *
   * <p>This class is immutable and thread-safe.
   *
   * @param expiresAt when they expire
   * @param points how many, positive
   */
  public record Batch(Instant expiresAt, Points points) {
    /**
     * Validates the components.
     *
     * @param expiresAt when they expire, in {@link Limits}' range
     * @param points how many, positive
     * @throws LoyaltyException if a component is invalid
     */
    public Batch {
      Checks.instant(SUBJECT, "expiresAt", expiresAt);
      Checks.check(Checks.present(SUBJECT, "points", points).isPositive(), SUBJECT, "points", points, "> 0");
    }
  }

  /**
   * Validates the window and the batches.
   *
   * @param asOf the instant the question is asked as of, in {@link Limits}' range
   * @param until the end of the window, not before {@code asOf}, in {@link Limits}' range
   * @param batches the batches: expiry instants strictly increasing, each after {@code asOf} and at
   *     or before {@code until}; their points add up to at most {@code Long.MAX_VALUE}
   * @throws LoyaltyException if a component is invalid
   */
  public ExpiringPoints {
    Checks.instant(SUBJECT, "asOf", asOf);
    Checks.instant(SUBJECT, "until", until);
    Checks.check(!until.isBefore(asOf), SUBJECT, "until", until, "not before asOf " + asOf);
    batches = Checks.elements(SUBJECT, "batches", batches);
    Instant previous = asOf;
    long sum = 0;
    for (int i = 0; i < batches.size(); i++) {
      Batch batch = batches.get(i);
      Checks.check(batch.expiresAt().isAfter(previous), SUBJECT, "batches[" + i + "].expiresAt", batch.expiresAt(),
          i == 0 ? "after asOf " + asOf : "after the previous batch's " + previous);
      Checks.check(!batch.expiresAt().isAfter(until), SUBJECT, "batches[" + i + "].expiresAt", batch.expiresAt(),
          "at or before until " + until);
      sum = Checks.addPoints(SUBJECT, "total", sum, batch.points().value());
      previous = batch.expiresAt();
    }
  }

  /** {@return the points in all batches together} */
  public Points total() {
    long sum = 0;
    for (Batch batch : batches) {
      sum += batch.points().value(); // fits: the constructor added them up with a check
    }
    return Points.of(sum);
  }

  /** {@return the first expiry instant in the window, if any points expire in it} */
  public Optional<Instant> earliest() {
    return batches.isEmpty() ? Optional.empty() : Optional.of(batches.get(0).expiresAt());
  }

  /** {@return whether no points expire in the window} */
  public boolean isEmpty() {
    return batches.isEmpty();
  }

  /**
   * The last local day on which points expiring at {@code expiresAt} can still be spent: the day of
   * the instant just before it. A lot that expires at the midnight starting 1 January 2028 "expires
   * on 2027-12-31"; one that expires at 15:30 on 3 March expires on 3 March.
   *
   * @param expiresAt an expiry instant, in {@link Limits}' range
   * @param zone the programme's zone
   * @return that day
   * @throws InvalidValueException if an argument is missing or out of range
   */
  public static LocalDate lastDay(Instant expiresAt, ZoneId zone) {
    Checks.instant(SUBJECT, "expiresAt", expiresAt);
    Checks.present(SUBJECT, "zone", zone);
    return expiresAt.minusNanos(1).atZone(zone).toLocalDate();
  }

  /**
   * The points per {@linkplain #lastDay(Instant, ZoneId) last day}, earliest first: batches that
   * expire at different instants of one day are one line for a member.
   *
   * @param zone the programme's zone
   * @return points by day
   * @throws InvalidValueException if the zone is missing
   */
  public Map<LocalDate, Points> byLastDay(ZoneId zone) {
    Checks.present(SUBJECT, "zone", zone);
    Map<LocalDate, Long> days = new LinkedHashMap<>();
    for (Batch batch : batches) {
      days.merge(lastDay(batch.expiresAt(), zone), batch.points().value(), Long::sum); // fits: ≤ the total
    }
    Map<LocalDate, Points> result = new LinkedHashMap<>();
    days.forEach((day, points) -> result.put(day, Points.of(points)));
    return result;
  }

  /**
   * The member-facing notice, in a fixed machine-readable English form: {@value #NOTICE_PREFIX},
   * then {@code <n> points expire on <date>} when all expire on one day, otherwise {@code <n> points
   * expire by <last date>: <n1> on <date1>, <n2> on <date2>…}; dates in ISO-8601 ({@code 2027-12-31}),
   * one point reads {@code 1 point expires}. A shop shows it in its own words from {@link
   * #byLastDay(ZoneId)}.
   *
   * @param zone the programme's zone, in which the dates are read
   * @return the notice; empty when no points expire in the window
   * @throws InvalidValueException if the zone is missing
   */
  public Optional<String> notice(ZoneId zone) {
    Map<LocalDate, Points> days = byLastDay(zone);
    if (days.isEmpty()) {
      return Optional.empty();
    }
    Points total = total();
    String head = NOTICE_PREFIX + total.value() + (total.value() == 1 ? " point expires " : " points expire ");
    if (days.size() == 1) {
      return Optional.of(head + "on " + days.keySet().iterator().next());
    }
    List<String> parts = new ArrayList<>();
    LocalDate last = null;
    for (Map.Entry<LocalDate, Points> day : days.entrySet()) {
      parts.add(day.getValue().value() + " on " + day.getKey());
      last = day.getKey();
    }
    return Optional.of(head + "by " + last + ": " + String.join(", ", parts));
  }
}
