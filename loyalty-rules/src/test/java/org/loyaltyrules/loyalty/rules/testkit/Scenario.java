package org.loyaltyrules.loyalty.rules.testkit;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Order;

/**
 * A story of a few members and what they do, in order, for {@link ProgrammeHarness#replay} to play
 * through an engine: enrolments, paid orders, partial and whole returns, redemptions and their
 * cancellation, early releases of pending points, expiry runs, tier reviews and redeliveries of
 * earlier events.
 *
 * <p>Steps say <em>what</em> happens and leave the details to the moment they are replayed: "the
 * member redeems 40% of what is available", "one of the orders with units left comes back in part".
 * The harness resolves each step against the ledgers as they are by then, so every event it
 * delivers is valid, and a scenario stays valid when jqwik shrinks it by dropping steps; a step with
 * nothing to act on (a cancellation before any redemption) is skipped. Time starts at {@link
 * #start()} and moves forward by each step's gap; a redelivery keeps the time of the event it
 * repeats.
 *
 * <p>Generate scenarios with {@link LoyaltyGenerators#scenarios}; write one by hand to pin a
 * regression:
 *
 * <pre>{@code
 * Scenario story = new Scenario(start, List.of(Member.of("m1", start, "member")), List.of(
 *     new Scenario.Enrol(0, 0),
 *     new Scenario.Pay(0, 3_600, basket),
 *     new Scenario.Return(0, 86_400, true, 0),
 *     new Scenario.Redeliver(1)));
 * }</pre>
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param start the instant the first step's gap counts from
 * @param members the members, all joined before the first step; ids distinct
 * @param steps the steps, in order
 */
public record Scenario(Instant start, List<Member> members, List<Step> steps) {

  /** Validates and copies the components. */
  public Scenario {
    Objects.requireNonNull(start, "start");
    members = List.copyOf(members);
    steps = List.copyOf(steps);
    if (members.isEmpty()) {
      throw new IllegalArgumentException("Invalid scenario: members [[]]; expected at least one member");
    }
    Set<String> ids = new HashSet<>();
    for (Member member : members) {
      if (!ids.add(member.id())) {
        throw new IllegalArgumentException("Invalid scenario: members [" + member.id() + "]; expected distinct ids");
      }
    }
    for (int i = 0; i < steps.size(); i++) {
      check(i, Objects.requireNonNull(steps.get(i), "steps[" + i + "]"));
    }
  }

  /** Time only moves forward, a basket is given, and a share is a percentage. */
  private static void check(int i, Step step) {
    if (step.gapSeconds() < 0) {
      throw new IllegalArgumentException("Invalid scenario: steps[" + i + "].gapSeconds [" + step.gapSeconds()
          + "]; expected ≥ 0");
    }
    if (step instanceof Pay p) {
      Objects.requireNonNull(p.basket(), "steps[" + i + "].basket");
    }
    if (step instanceof Redeem r && (r.percent() < 0 || r.percent() > 100)) {
      throw new IllegalArgumentException("Invalid scenario: steps[" + i + "].percent [" + r.percent()
          + "]; expected 0 to 100");
    }
  }

  /**
   * One thing that happens in a scenario. Indexes pick among the candidates modulo their number (a
   * negative index counts as its floor modulus); gaps and percentages are checked when the step
   * joins a {@link Scenario}.
   */
  public sealed interface Step permits Enrol, Pay, Return, Redeem, Cancel, Release, Expire, Review, Redeliver {
    /** @return seconds after the previous step, ≥ 0 */
    long gapSeconds();
  }

  /**
   * The member enrols (again, if they did before: the welcome bonus must not be paid twice).
   *
   * @param member index into {@link #members()}
   * @param gapSeconds seconds after the previous step, ≥ 0
   */
  public record Enrol(int member, long gapSeconds) implements Step {
    @Override
    public String toString() {
      return "enrol member #" + member + gap(gapSeconds);
    }
  }

  /**
   * The member pays an order.
   *
   * @param member index into {@link #members()}
   * @param gapSeconds seconds after the previous step, ≥ 0
   * @param basket the order's channel, lines, discount and shipping; its id, member and time are
   *     replaced when it is paid
   */
  public record Pay(int member, long gapSeconds, Order basket) implements Step {
    @Override
    public String toString() {
      return "pay by member #" + member + gap(gapSeconds) + ": " + LoyaltyGenerators.describe(basket);
    }
  }

  /**
   * Units of a paid order come back.
   *
   * @param order index among the paid orders that still have units left
   * @param gapSeconds seconds after the previous step, ≥ 0
   * @param whole whether every unit left comes back; otherwise a seeded random part of them
   * @param seed chooses the lines and quantities of a partial return
   */
  public record Return(int order, long gapSeconds, boolean whole, long seed) implements Step {
    @Override
    public String toString() {
      return (whole ? "whole" : "partial (seed " + seed + ")") + " return of returnable order #" + order
          + gap(gapSeconds);
    }
  }

  /**
   * The member redeems a share of their available points, at least the programme's minimum; the
   * step is skipped if that is more than they have.
   *
   * @param member index into {@link #members()}
   * @param gapSeconds seconds after the previous step, ≥ 0
   * @param percent the share of the available points, 0 to 100
   */
  public record Redeem(int member, long gapSeconds, int percent) implements Step {
    @Override
    public String toString() {
      return "member #" + member + " redeems " + percent + "% of the available points" + gap(gapSeconds);
    }
  }

  /**
   * A redemption not cancelled yet is cancelled.
   *
   * @param redemption index among the redemptions not cancelled yet
   * @param gapSeconds seconds after the previous step, ≥ 0
   */
  public record Cancel(int redemption, long gapSeconds) implements Step {
    @Override
    public String toString() {
      return "cancel open redemption #" + redemption + gap(gapSeconds);
    }
  }

  /**
   * A paid order's pending points are released early (the order was delivered).
   *
   * @param order index among all paid orders
   * @param gapSeconds seconds after the previous step, ≥ 0
   */
  public record Release(int order, long gapSeconds) implements Step {
    @Override
    public String toString() {
      return "release the pending points of paid order #" + order + gap(gapSeconds);
    }
  }

  /**
   * The periodic expiry job runs for the member.
   *
   * @param member index into {@link #members()}
   * @param gapSeconds seconds after the previous step, ≥ 0
   */
  public record Expire(int member, long gapSeconds) implements Step {
    @Override
    public String toString() {
      return "expiry run for member #" + member + gap(gapSeconds);
    }
  }

  /**
   * The periodic tier review runs for the member.
   *
   * @param member index into {@link #members()}
   * @param gapSeconds seconds after the previous step, ≥ 0
   */
  public record Review(int member, long gapSeconds) implements Step {
    @Override
    public String toString() {
      return "tier review of member #" + member + gap(gapSeconds);
    }
  }

  /**
   * An event delivered earlier arrives again, with its original id and time (a retried webhook, a
   * replayed queue). Tier reviews are not redelivered: they are jobs run as of an instant, and one
   * run late may rightly decide differently.
   *
   * @param event index among the events delivered so far, tier reviews left out
   */
  public record Redeliver(int event) implements Step {
    /** @return 0: a redelivered event keeps its original time, and the clock does not move */
    @Override
    public long gapSeconds() {
      return 0;
    }

    @Override
    public String toString() {
      return "redeliver earlier event #" + event;
    }
  }

  private static String gap(long seconds) {
    return seconds == 0 ? "" : " (+" + seconds + "s)";
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("Scenario from ").append(start).append("\n  members:");
    for (int i = 0; i < members.size(); i++) {
      Member m = members.get(i);
      text.append("\n    #").append(i).append(' ').append(m.id()).append(" (").append(m.tierCode())
          .append(m.birthday().map(b -> ", born " + b).orElse(""))
          .append(m.referrerId().map(r -> ", referred by " + r).orElse(""))
          .append(m.tags().isEmpty() ? "" : ", tags " + m.tags()).append(')');
    }
    text.append("\n  steps:");
    for (int i = 0; i < steps.size(); i++) {
      text.append("\n    ").append(i + 1).append(". ").append(steps.get(i));
    }
    return text.toString();
  }
}
