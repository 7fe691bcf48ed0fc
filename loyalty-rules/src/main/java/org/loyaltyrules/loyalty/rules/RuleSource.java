package org.loyaltyrules.loyalty.rules;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.internal.Checks;

/**
 * The text of one rule file and where it came from. Files that ship with the library are
 * {@linkplain #trusted() trusted}; every other file is held to the restricted DRL subset.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param name the file name, e.g. {@code earning.drl}; reported in every problem
 * @param content the DRL text
 * @param trusted whether the file ships with the library
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record RuleSource(String name, String content, boolean trusted) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}\\.drl");

  /**
   * Validates the name and content.
   *
   * @param name the file name, e.g. {@code earning.drl}; reported in every problem
   * @param content the DRL text
   * @param trusted whether the file ships with the library
   * @throws org.loyaltyrules.loyalty.LoyaltyException if a component is invalid
   */
  public RuleSource {
    Checks.present("rule source", "name", name);
    Checks.check(NAME.matcher(name).matches(), "rule source", "name", name,
        "a file name of letters, digits, '.', '_' or '-' ending in .drl");
    Checks.present("rule source", "content", content);
  }

  /**
   * A merchant (untrusted) rule file.
   *
   * @param name the file name
   * @param content the DRL text
   * @return the source
   */
  public static RuleSource of(String name, String content) {
    return new RuleSource(name, content, false);
  }
}
