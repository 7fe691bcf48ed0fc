package org.loyaltyrules.loyalty.rules;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.LoyaltyException;

/**
 * The rules failed while deciding one event. No decision is returned, nothing was changed, and the
 * engine keeps serving other events. The {@link #code()} says how:
 *
 * <ul>
 *   <li>{@value #RULE_RUNAWAY}: the rules fired, emitted or noted more than the engine's bounds allow;
 *   <li>{@value #RULE_ERROR}: a rule's condition or consequence threw (an exception or an error such
 *       as {@link StackOverflowError} or {@link OutOfMemoryError});
 *   <li>{@value #RULE_ARGUMENT}: a rule passed the collector a value outside its documented bounds
 *       (see {@link org.loyaltyrules.loyalty.rules.facts.Decisions});
 *   <li>{@value #FORGED_FACT}: a rule passed the collector a fact the engine did not insert for this
 *       evaluation;
 *   <li>{@value #POINTS_OVERFLOW}: what the rules decided adds up to more points than a {@code long}
 *       holds;
 *   <li>{@value #EVALUATION_ERROR}: anything else failed while deciding (accounting for what the
 *       rules decided, or the rule engine itself).
 * </ul>
 *
 * <p>For {@value #RULE_ARGUMENT}, {@value #FORGED_FACT} and {@value #POINTS_OVERFLOW}, {@link
 * #field()}, {@link #value()} and {@link #expected()} name the offending value; the message then
 * reads {@code <what failed>: <field> [<value>]; expected <expected> (rule: <rule>)}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class RuleEvaluationException extends LoyaltyException {
  private static final long serialVersionUID = 1L;

  /** The rules fired, emitted or noted more than the engine's bounds allow. */
  public static final String RULE_RUNAWAY = "rule-runaway";
  /** A rule's condition or consequence threw. */
  public static final String RULE_ERROR = "rule-error";
  /** A rule passed the collector a value outside its documented bounds. */
  public static final String RULE_ARGUMENT = "rule-argument";
  /** A rule passed the collector a fact the engine did not insert for this evaluation. */
  public static final String FORGED_FACT = "forged-fact";
  /** What the rules decided adds up to more points than a {@code long} holds. */
  public static final String POINTS_OVERFLOW = "points-overflow";
  /** Something other than rule code failed while deciding. */
  public static final String EVALUATION_ERROR = "evaluation-error";

  /** Offending values are cut to this many characters in messages: a rule may pass megabytes. */
  private static final int SHOWN_CHARS = 80;

  /** The rule that was running when evaluation failed, or an empty string. */
  private final String rule;
  /** The offending field, e.g. {@code baseRate.points}, or an empty string. */
  private final String field;
  /** The offending value as text (cut when long), or an empty string. */
  private final String value;
  /** What a valid value looks like, or an empty string. */
  private final String expected;

  /**
   * Creates the exception for a failure while deciding.
   *
   * @param code one of the codes above
   * @param rule the rule that was running, or an empty string
   * @param message what happened
   * @param cause the underlying failure, or null
   */
  public RuleEvaluationException(String code, String rule, String message, Throwable cause) {
    this(code, rule, "", "", "", message, cause);
  }

  private RuleEvaluationException(String code, String rule, String field, String value, String expected,
      String message, Throwable cause) {
    super(code, message, cause);
    this.rule = rule;
    this.field = field;
    this.value = value;
    this.expected = expected;
  }

  /**
   * A refused value, with the message {@code <what>: <field> [<value>]; expected <expected> (rule:
   * <rule>)}; a long value is cut in the message and in {@link #value()}.
   *
   * @param code {@value #RULE_ARGUMENT}, {@value #FORGED_FACT} or {@value #POINTS_OVERFLOW}
   * @param what what failed, e.g. {@code Rule argument refused}
   * @param rule the rule, or an empty string
   * @param field the offending field, e.g. {@code baseRate.points}
   * @param value the offending value
   * @param expected what a valid value looks like
   * @return the exception
   */
  @API(status = INTERNAL, since = "0.1")
  public static RuleEvaluationException refused(String code, String what, String rule, String field, Object value,
      String expected) {
    String shown = shown(value);
    return new RuleEvaluationException(code, rule, field, shown, expected,
        what + ": " + field + " [" + shown + "]; expected " + expected + (rule.isEmpty() ? "" : " (rule: " + rule + ")"),
        null);
  }

  /**
   * {@return its text, cut to a readable length}
   *
   * @param value any value
   */
  @API(status = INTERNAL, since = "0.1")
  public static String shown(Object value) {
    String text = String.valueOf(value);
    return text.length() <= SHOWN_CHARS
        ? text
        : text.substring(0, SHOWN_CHARS) + "… (" + text.length() + " characters)";
  }

  /** {@return the rule that was running when evaluation failed, or an empty string} */
  public String rule() {
    return rule;
  }

  /** {@return the offending field, e.g. {@code baseRate.points}, or an empty string} */
  public String field() {
    return field;
  }

  /** {@return the offending value as text (cut when long), or an empty string} */
  public String value() {
    return value;
  }

  /** {@return what a valid value looks like, or an empty string} */
  public String expected() {
    return expected;
  }
}
