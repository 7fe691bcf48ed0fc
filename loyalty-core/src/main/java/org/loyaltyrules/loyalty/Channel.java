package org.loyaltyrules.loyalty;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * The sales channel an order came through. One membership spans all channels; the well-known ones
 * are constants, and a shop can name its own (for example {@code line-shop}).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param code a lower-case identifier such as {@code pos}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Channel(String code) {
  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{0,39}");

  /** The web shop. */
  public static final Channel ONLINE_STORE = new Channel("online-store");
  /** A point-of-sale terminal in a physical store. */
  public static final Channel POS = new Channel("pos");
  /** Social commerce (live-stream selling, messaging shops). */
  public static final Channel SOCIAL = new Channel("social");
  /** The shop's mobile app. */
  public static final Channel APP = new Channel("app");

  /**
   * Validates the code.
   *
   * @param code a lower-case identifier such as {@code pos}
   * @throws LoyaltyException if a component is invalid
   */
  public Channel {
    Checks.present("channel", "code", code);
    Checks.check(
        CODE.matcher(code).matches(),
        "channel",
        "code",
        code,
        "lower-case letters, digits and '-', starting with a letter, at most 40 characters");
  }

  /**
   * {@return the channel}
   *
   * @param code a lower-case identifier
   */
  public static Channel of(String code) {
    return new Channel(code);
  }

  @Override
  public String toString() {
    return code;
  }
}
