package org.loyaltyrules.loyalty.rules.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.LoyaltyEngine;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.OrderLine;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.LoadedRules;
import org.loyaltyrules.loyalty.rules.LoyaltyRulesEngine;
import org.loyaltyrules.loyalty.rules.RuleFileException;
import org.loyaltyrules.loyalty.rules.RuleFileProblem;
import org.loyaltyrules.loyalty.rules.files.RuleFiles;

/**
 * Plays {@link Scenario scenarios} through an engine built from a merchant's rule files and checks
 * every {@link ProgrammeInvariants programme invariant} after every event. Compiling rules takes
 * seconds, so build one harness per test class (a static field) and replay many scenarios on it:
 *
 * <pre>{@code
 * class MyRulesProperties {
 *   static final ProgrammeHarness HARNESS =
 *       ProgrammeHarness.ofDirectory(Path.of("rules"), MyShop.programme(), true);
 *
 *   @Property(tries = 50)
 *   void everyInvariantHoldsAfterEveryEvent(@ForAll("scenarios") Scenario scenario) {
 *     HARNESS.replay(scenario);
 *   }
 *
 *   @Provide
 *   Arbitrary<Scenario> scenarios() {
 *     return LoyaltyGenerators.scenarios(HARNESS.programme(), MyShop.CATALOGUE);
 *   }
 * }
 * }</pre>
 *
 * <p>A broken invariant fails with an {@link AssertionError} that names the invariant, the event
 * (its number, kind, id, member and time, and the scenario step it came from) and lists the events
 * delivered before it. So does an event the engine refuses: every event a scenario produces is
 * valid, so a refusal (a runaway rule, for instance) is a defect of the rules.
 *
 * <p>This class is immutable and thread-safe; each replay works on its own {@link MerchantHost}.
 */
public final class ProgrammeHarness {
  private static final int EVENTS_IN_MESSAGE = 40;

  private final LoyaltyEngine engine;
  private final Programme programme;
  private final List<RuleFileProblem> warnings;

  private ProgrammeHarness(LoyaltyEngine engine, Programme programme, List<RuleFileProblem> warnings) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.programme = Objects.requireNonNull(programme, "programme");
    this.warnings = List.copyOf(warnings);
  }

  /**
   * @param engine an engine, with the rules and programme to test
   * @return a harness over it
   */
  public static ProgrammeHarness of(LoyaltyRulesEngine engine) {
    return new ProgrammeHarness(engine, engine.programme(), List.of());
  }

  /**
   * A harness over any engine, for instance a host's own decorator around the rules engine.
   *
   * @param engine the engine
   * @param programme the programme it decides for
   * @return a harness over it
   */
  public static ProgrammeHarness of(LoyaltyEngine engine, Programme programme) {
    return new ProgrammeHarness(engine, programme, List.of());
  }

  /**
   * Loads rule files (compiling them) under a programme.
   *
   * @param files the rule files, e.g. {@code RuleFiles.directory(dir).over(RuleFiles.bundled())}
   * @param programme the programme; the files' campaign calendar and tier ladder replace its own
   * @return a harness over an engine with the default bounds
   * @throws RuleFileException listing every problem if a file does not load
   */
  public static ProgrammeHarness load(RuleFiles files, Programme programme) {
    LoadedRules loaded = files.load(programme);
    return new ProgrammeHarness(loaded.engine(), loaded.programme(), loaded.warnings());
  }

  /**
   * Loads a merchant's rule directory ({@code *.drl}, and {@code campaigns.csv} and {@code
   * tiers.csv} if present), as the host would in production.
   *
   * @param dir the directory
   * @param programme the programme; the directory's calendar and ladder replace its own
   * @param overBundled whether the directory is layered over the bundled rule files (a file there
   *     replaces the bundled one of the same name), or stands alone
   * @return a harness over an engine with the default bounds
   * @throws UncheckedIOException if the directory cannot be read
   * @throws RuleFileException listing every problem if a file does not load
   */
  public static ProgrammeHarness ofDirectory(Path dir, Programme programme, boolean overBundled) {
    RuleFiles files;
    try {
      files = RuleFiles.directory(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read rule directory " + dir.toAbsolutePath(), e);
    }
    return load(overBundled ? files.over(RuleFiles.bundled()) : files, programme);
  }

  /** @return the engine scenarios are played through */
  public LoyaltyEngine engine() {
    return engine;
  }

  /** @return the programme, with the rule files' calendar and ladder: generate scenarios for it */
  public Programme programme() {
    return programme;
  }

  /** @return the warnings found while loading the rule files; empty for {@link #of} */
  public List<RuleFileProblem> warnings() {
    return warnings;
  }

  /**
   * The same compiled rules under another programme, for instance with a generated campaign
   * calendar (see {@link LoyaltyGenerators#campaigns}). Nothing is compiled; the engine gets the
   * default bounds.
   *
   * @param programme the programme
   * @return a harness over the same rules
   * @throws UnsupportedOperationException if this harness is not over a {@link LoyaltyRulesEngine}
   */
  public ProgrammeHarness withProgramme(Programme programme) {
    if (!(engine instanceof LoyaltyRulesEngine rules)) {
      throw new UnsupportedOperationException("withProgramme needs a LoyaltyRulesEngine; this harness is over "
          + engine.getClass().getName());
    }
    return new ProgrammeHarness(LoyaltyRulesEngine.builder(programme).ruleBase(rules.ruleBase()).build(), programme,
        warnings);
  }

  /**
   * Joins the scenario's members to a new host and delivers its steps as events, checking every
   * programme invariant after each one.
   *
   * @param scenario the scenario
   * @return what was delivered, with the host as the scenario left it
   * @throws AssertionError naming the invariant and the event, if one is broken
   */
  public Replay replay(Scenario scenario) {
    return new Run(new MerchantHost(engine, programme), scenario).play();
  }

  /**
   * One event delivered during a replay.
   *
   * @param number its position among all deliveries, from 1
   * @param step the scenario step it came from, from 1 (0 for none)
   * @param event the event
   * @param decision the engine's decision, as appended
   * @param redelivery whether it repeats an earlier event
   */
  public record Delivery(int number, int step, LoyaltyEvent event, Decision decision, boolean redelivery) {
    @Override
    public String toString() {
      return "#" + number + (redelivery ? " redelivered " : " ") + describe(event) + " (step " + step + ") → "
          + ProgrammeInvariants.summary(decision);
    }
  }

  /**
   * What a replay did: every delivery in order, and the host as the scenario left it (its ledgers
   * and members can be inspected by merchant-specific properties).
   *
   * @param host the host after the last event; mutable, owned by the caller
   * @param deliveries every delivered event, in order
   */
  public record Replay(MerchantHost host, List<Delivery> deliveries) {
    /** Copies the deliveries. */
    public Replay {
      Objects.requireNonNull(host, "host");
      deliveries = List.copyOf(deliveries);
    }

    /** @return the orders paid (first deliveries of {@link LoyaltyEvent.OrderPaid}), in order */
    public List<Order> paidOrders() {
      List<Order> orders = new ArrayList<>();
      for (Delivery delivery : deliveries) {
        if (!delivery.redelivery() && delivery.event() instanceof LoyaltyEvent.OrderPaid paid) {
          orders.add(paid.order());
        }
      }
      return orders;
    }

    /**
     * @param eventId an event id
     * @return the decision on that event's first delivery, if it was delivered
     */
    public Optional<Decision> decisionOn(String eventId) {
      for (Delivery delivery : deliveries) {
        if (!delivery.redelivery() && delivery.event().eventId().equals(eventId)) {
          return Optional.of(delivery.decision());
        }
      }
      return Optional.empty();
    }
  }

  /** A paid order and the units of each line that have come back so far. */
  private static final class PaidOrder {
    final Order order;
    final Map<String, Integer> returned = new HashMap<>();
    /** The lines in the earning base: the only ones the ledger records, so the only ones a return can name. */
    private final Set<String> recorded = new HashSet<>();

    PaidOrder(Order order, Programme programme) {
      this.order = order;
      for (OrderLine line : order.lines()) {
        if (programme.isInEarningBase(line)) {
          recorded.add(line.lineId());
        }
      }
    }

    int left(OrderLine line) {
      return recorded.contains(line.lineId()) ? line.quantity() - returned.getOrDefault(line.lineId(), 0) : 0;
    }

    boolean hasUnitsLeft() {
      return order.lines().stream().anyMatch(line -> left(line) > 0);
    }
  }

  /** One replay: resolves steps against the host's state and delivers the events they become. */
  private static final class Run {
    private final MerchantHost host;
    private final Scenario scenario;
    private final List<Delivery> deliveries = new ArrayList<>();
    private final Map<String, PaidOrder> orders = new LinkedHashMap<>();
    /** Redemption event id to member id, for those not cancelled yet. */
    private final Map<String, String> openRedemptions = new LinkedHashMap<>();
    private Instant now;
    private int step;

    Run(MerchantHost host, Scenario scenario) {
      this.host = host.withoutInvariantChecks();
      this.scenario = scenario;
      this.now = scenario.start();
      for (Member member : scenario.members()) {
        host.join(member);
      }
    }

    Replay play() {
      for (Scenario.Step s : scenario.steps()) {
        step++;
        resolve(s);
      }
      return new Replay(host, deliveries);
    }

    private String member(int index) {
      return pick(scenario.members(), index).id();
    }

    private static <T> T pick(List<T> candidates, int index) {
      return candidates.get(Math.floorMod(index, candidates.size()));
    }

    private Instant after(long gapSeconds) {
      return now.plusSeconds(gapSeconds);
    }

    private void resolve(Scenario.Step s) {
      String id = "-" + step;
      if (s instanceof Scenario.Enrol e) {
        deliver(new LoyaltyEvent.MemberEnrolled("enrol" + id, member(e.member()), after(e.gapSeconds())));
      } else if (s instanceof Scenario.Pay p) {
        Order order = LoyaltyGenerators.reassigned(p.basket(), "o" + id, member(p.member()), after(p.gapSeconds()));
        orders.put(order.id(), new PaidOrder(order, host.programme()));
        deliver(new LoyaltyEvent.OrderPaid(order));
      } else if (s instanceof Scenario.Return r) {
        returnSome(r, "r" + id);
      } else if (s instanceof Scenario.Redeem r) {
        redeem(r, "redeem" + id);
      } else if (s instanceof Scenario.Cancel c) {
        if (!openRedemptions.isEmpty()) {
          List<String> open = new ArrayList<>(openRedemptions.keySet());
          String redemption = pick(open, c.redemption());
          deliver(new LoyaltyEvent.RedemptionCancelled("cancel" + id, openRedemptions.remove(redemption), redemption,
              after(c.gapSeconds())));
        }
      } else if (s instanceof Scenario.Release r) {
        if (!orders.isEmpty()) {
          Order order = pick(new ArrayList<>(orders.values()), r.order()).order;
          deliver(new LoyaltyEvent.PendingReleased("release" + id, order.memberId(), order.id(), after(r.gapSeconds())));
        }
      } else if (s instanceof Scenario.Expire e) {
        deliver(new LoyaltyEvent.ExpiryRun("expiry" + id, member(e.member()), after(e.gapSeconds())));
      } else if (s instanceof Scenario.Review r) {
        deliver(new LoyaltyEvent.TierReview("review" + id, member(r.member()), after(r.gapSeconds())));
      } else if (s instanceof Scenario.Redeliver r) {
        List<Delivery> earlier = deliveries.stream()
            .filter(d -> !d.redelivery() && !(d.event() instanceof LoyaltyEvent.TierReview)).toList();
        if (!earlier.isEmpty()) {
          Delivery first = pick(earlier, r.event());
          deliver(first.event(), Optional.of(first.decision()));
        }
      }
    }

    private void returnSome(Scenario.Return r, String eventId) {
      List<PaidOrder> returnable = orders.values().stream().filter(PaidOrder::hasUnitsLeft).toList();
      if (returnable.isEmpty()) {
        return;
      }
      PaidOrder paid = pick(returnable, r.order());
      Random random = new Random(r.seed());
      List<LoyaltyEvent.ReturnedLine> lines = new ArrayList<>();
      for (OrderLine line : paid.order.lines()) {
        int left = paid.left(line);
        if (left > 0 && (r.whole() || random.nextBoolean())) {
          lines.add(new LoyaltyEvent.ReturnedLine(line.lineId(), r.whole() ? left : 1 + random.nextInt(left)));
        }
      }
      if (lines.isEmpty()) {
        OrderLine line = paid.order.lines().stream().filter(l -> paid.left(l) > 0).findFirst().orElseThrow();
        lines.add(new LoyaltyEvent.ReturnedLine(line.lineId(), 1));
      }
      // Counted before delivery, so the checks after it know whether the order is now back in full.
      for (LoyaltyEvent.ReturnedLine line : lines) {
        paid.returned.merge(line.lineId(), line.quantity(), Integer::sum);
      }
      deliver(LoyaltyEvent.OrderReturned.of(eventId, paid.order, lines, after(r.gapSeconds())));
    }

    private void redeem(Scenario.Redeem r, String eventId) {
      String memberId = member(r.member());
      Instant at = after(r.gapSeconds());
      long available = host.ledger(memberId).available(at).value();
      long points = Math.max(Math.max(1, host.programme().minimumRedemption().value()), available * r.percent() / 100);
      if (points <= available) {
        deliver(new LoyaltyEvent.PointsRedeemed(eventId, memberId, Points.of(points), at));
        openRedemptions.put(eventId, memberId);
      }
    }

    private void deliver(LoyaltyEvent event) {
      now = event.occurredAt();
      deliver(event, Optional.empty());
    }

    /** Delivers one event with every check around it; {@code first} is set for a redelivery. */
    private void deliver(LoyaltyEvent event, Optional<Decision> first) {
      Decision decision;
      try {
        decision = ProgrammeInvariants.decideChecked(host, event);
        if (first.isPresent()) {
          ProgrammeInvariants.requireNothingNew(event, decision, first);
        }
        host.append(decision, event);
        ProgrammeInvariants.checkLedgers(host, MerchantHost.touchedBy(decision));
        for (PaidOrder paid : orders.values()) {
          ProgrammeInvariants.checkClawbacks(host, paid.order, !paid.hasUnitsLeft());
        }
        ProgrammeInvariants.checkRedeliveryAddsNothing(host, event, decision);
      } catch (AssertionError e) {
        throw new AssertionError(where(event, first.isPresent()) + e.getMessage() + history(), e);
      } catch (RuntimeException e) {
        throw new AssertionError(where(event, first.isPresent()) + "the engine refused a valid event: " + e + history(), e);
      }
      deliveries.add(new Delivery(deliveries.size() + 1, step, event, decision, first.isPresent()));
    }

    private String where(LoyaltyEvent event, boolean redelivery) {
      return "Event #" + (deliveries.size() + 1) + (redelivery ? ", a redelivery of " : ", ") + describe(event)
          + ", from step " + step + " of the scenario:\n  ";
    }

    private String history() {
      StringBuilder text = new StringBuilder("\n  Events before it:");
      int from = Math.max(0, deliveries.size() - EVENTS_IN_MESSAGE);
      if (from > 0) {
        text.append("\n    … ").append(from).append(" earlier events");
      }
      for (Delivery delivery : deliveries.subList(from, deliveries.size())) {
        text.append("\n    ").append(delivery);
      }
      return text.toString();
    }
  }

  /** @return the event's kind, id, member and time, and what it is about */
  static String describe(LoyaltyEvent event) {
    String about = "";
    if (event instanceof LoyaltyEvent.OrderPaid paid) {
      about = ": " + LoyaltyGenerators.describe(paid.order());
    } else if (event instanceof LoyaltyEvent.OrderReturned returned) {
      about = " of order [" + returned.orderId() + "]: " + returned.lines().stream()
          .map(l -> l.quantity() + "× " + l.lineId()).toList();
    } else if (event instanceof LoyaltyEvent.PointsRedeemed redeemed) {
      about = ": " + redeemed.points().value() + " points";
    } else if (event instanceof LoyaltyEvent.RedemptionCancelled cancelled) {
      about = " of [" + cancelled.redemptionId() + "]";
    } else if (event instanceof LoyaltyEvent.PendingReleased released) {
      about = " of order [" + released.orderId() + "]";
    }
    return event.getClass().getSimpleName() + " [" + event.eventId() + "] for member [" + event.memberId() + "] at "
        + event.occurredAt() + about;
  }
}
