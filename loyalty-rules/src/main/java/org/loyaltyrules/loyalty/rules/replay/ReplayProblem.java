package org.loyaltyrules.loyalty.rules.replay;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * An event a replay could not decide: the engine rejected it ({@value #ENGINE_ERROR}) or it names a
 * member who has no ledger yet ({@value #UNKNOWN_MEMBER}). Nothing was appended for it in that lane.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param sequence the event's 0-based position in the replayed stream
 * @param lane the lane that could not decide it
 * @param eventId the event's id
 * @param memberId the member the event is about
 * @param code {@value #ENGINE_ERROR} or {@value #UNKNOWN_MEMBER}
 * @param message what went wrong, starting with the lane in brackets
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ReplayProblem(long sequence, String lane, String eventId, String memberId, String code,
    String message) {

  /** The engine refused the event (its {@link org.loyaltyrules.loyalty.LoyaltyException} message follows). */
  public static final String ENGINE_ERROR = "engine-error";

  /** The event is about a member who was neither listed nor enrolled by an earlier event. */
  public static final String UNKNOWN_MEMBER = "unknown-member";

  /**
   * Validates the components.
   *
   * @param sequence the event's 0-based position in the replayed stream
   * @param lane the lane that could not decide it
   * @param eventId the event's id
   * @param memberId the member the event is about
   * @param code {@value #ENGINE_ERROR} or {@value #UNKNOWN_MEMBER}
   * @param message what went wrong, starting with the lane in brackets
   * @throws InvalidValueException if {@code sequence} is negative or a component is null
   */
  public ReplayProblem {
    Checks.check(sequence >= 0, "ReplayProblem", "sequence", sequence, "≥ 0");
    Checks.present("ReplayProblem", "lane", lane);
    Checks.present("ReplayProblem", "eventId", eventId);
    Checks.present("ReplayProblem", "memberId", memberId);
    Checks.present("ReplayProblem", "code", code);
    Checks.present("ReplayProblem", "message", message);
  }
}
