package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the entry-key protocol in {@code EntryKey}: no Java source of any module spells a key's text
 * ({@code "order:o-1:base"}, {@code "redeem:" + id}) or reads one by prefix or suffix. A key written by
 * hand drifts from the engine's silently; {@code EntryKey}'s factories and {@code parse} cannot.
 *
 * <p>What it looks for, in every {@code src/main/java} and {@code src/test/java} file: a string literal
 * starting with an engine key prefix followed by the end of the literal or a non-blank character (so a
 * reason text like {@code "release: window closed"} passes) or with a key's inner part ({@code
 * key.contains(":bonus:")}), and {@code startsWith("order} or {@code endsWith(":base"} in code.
 * Comments, char literals and text blocks (DRL and JSON bodies) are not looked at.
 */
class NoKeyTextTest {

  /** The engine's key prefixes; the ':' is added here so this file spells none of them. */
  private static final List<String> PREFIXES = Stream.of("order", "redeem", "redeem-cancel", "return", "referral",
      "enrol", "expire", "release").map(kind -> kind + ':').toList();

  /** The inner parts of a key, looked for as a whole literal or a literal's start: {@code key.contains(":bonus:")}. */
  private static final Pattern PART = Pattern.compile(":(?:campaign:|bonus:|level-).*", Pattern.DOTALL);

  private static final Pattern BY_HAND = Pattern.compile("startsWith\\(\\s*\"order|endsWith\\(\\s*\":base\"");

  /**
   * Files that may spell key text, each for a reason. Keep it short: a new entry needs one of the
   * same two reasons.
   */
  private static final Set<String> ALLOWED = Set.of(
      // the key protocol itself: the one place the text forms are built and parsed
      "loyalty-core/src/main/java/org/loyaltyrules/loyalty/EntryKey.java",
      // format pin: one assertion per kind, so the stored format cannot change silently
      "loyalty-core/src/test/java/org/loyaltyrules/loyalty/EntryKeyTest.java",
      // format pin: fragments of every prefix fed to EntryKey.parse
      "loyalty-core/src/test/java/org/loyaltyrules/loyalty/EntryKeyProperties.java",
      // expected output text: the statement lines the quickstart prints for a merchant
      "examples/quickstart/src/test/java/org/loyaltyrules/loyalty/examples/quickstart/QuickstartExampleTest.java");

  @Test
  void sources_ofEveryModule_spellNoEntryKeyText() throws IOException {
    // given
    Path root = Path.of("..").toAbsolutePath().normalize();
    assertThat(root.resolve("loyalty-core")).isDirectory();
    List<Path> sources = javaSources(root);

    // when
    List<String> findings = new ArrayList<>();
    for (Path source : sources) {
      String relative = root.relativize(source).toString().replace('\\', '/');
      if (!ALLOWED.contains(relative)) {
        findings.addAll(findings(relative, Files.readString(source, StandardCharsets.UTF_8)));
      }
    }

    // then: a walk that found nothing to read would pass vacuously
    assertThat(sources).hasSizeGreaterThan(200);
    assertThat(ALLOWED).allSatisfy(allowed -> assertThat(root.resolve(allowed)).isRegularFile());
    assertThat(findings).as("entry keys built or read by text; use EntryKey's factories and parse").isEmpty();
  }

  @Test
  void findings_keyTextAndPrefixTests_areReportedWithTheirLines() {
    // given: a source spelling keys in each way the check knows, and text it must leave alone
    String source = """
        class Sample {
          // "order:o-1:base" in a comment is prose
          String base(String id) { return "order:" + id + ":base"; }
          String redeemed = "redeem:r-1";
          String reason = "release: window closed";
          char quote = '"';
          boolean isOrder(String key) { return key.startsWith("order:"); }
          boolean isBase(String key) { return key.endsWith(":base"); }
          boolean isBonus(String key) { return key.contains(":bonus:"); }
          /* "return:r-1:order:o-1:base" */ String cancel = "redeem-cancel:" + id;
        }
        """;

    // when
    List<String> findings = findings("Sample.java", source);

    // then
    assertThat(findings).containsExactly(
        "Sample.java:3: \"order:",
        "Sample.java:4: \"redeem:r-1",
        "Sample.java:7: \"order:",
        "Sample.java:7: startsWith(\"order",
        "Sample.java:8: endsWith(\":base\"",
        "Sample.java:9: \":bonus:",
        "Sample.java:10: \"redeem-cancel:");
  }

  /** @return {@code file:line: what} for each key literal and prefix test in {@code source} */
  static List<String> findings(String file, String source) {
    List<String> found = new ArrayList<>();
    StringBuilder code = new StringBuilder(source.length());
    int line = 1;
    int i = 0;
    while (i < source.length()) {
      char c = source.charAt(i);
      if (source.startsWith("//", i)) {
        int end = source.indexOf('\n', i);
        i = end < 0 ? source.length() : end;
      } else if (source.startsWith("/*", i)) {
        int end = source.indexOf("*/", i + 2);
        end = end < 0 ? source.length() : end + 2;
        line += blankOut(source, i, end, code);
        i = end;
      } else if (source.startsWith("\"\"\"", i)) {
        int end = source.indexOf("\"\"\"", i + 3);
        end = end < 0 ? source.length() : end + 3;
        line += blankOut(source, i, end, code);
        i = end;
      } else if (c == '\'') {
        int end = i + 1;
        while (end < source.length() && source.charAt(end) != '\'') {
          end += source.charAt(end) == '\\' ? 2 : 1;
        }
        code.append("' '");
        i = Math.min(end + 1, source.length());
      } else if (c == '"') {
        int end = i + 1;
        while (end < source.length() && source.charAt(end) != '"' && source.charAt(end) != '\n') {
          end += source.charAt(end) == '\\' ? 2 : 1;
        }
        end = Math.min(end, source.length());
        String literal = source.substring(i + 1, end);
        if (PART.matcher(literal).matches()) {
          found.add(file + ":" + line + ": \"" + literal);
        }
        for (String prefix : PREFIXES) {
          if (literal.startsWith(prefix)
              && (literal.length() == prefix.length() || !Character.isWhitespace(literal.charAt(prefix.length())))) {
            found.add(file + ":" + line + ": \"" + literal);
            break;
          }
        }
        code.append(source, i, Math.min(end + 1, source.length()));
        i = end + 1;
      } else {
        if (c == '\n') {
          line++;
        }
        code.append(c);
        i++;
      }
    }
    String[] lines = code.toString().split("\n", -1);
    for (int n = 0; n < lines.length; n++) {
      Matcher byHand = BY_HAND.matcher(lines[n]);
      while (byHand.find()) {
        found.add(file + ":" + (n + 1) + ": " + byHand.group());
      }
    }
    found.sort(NoKeyTextTest::byLine);
    return found;
  }

  /** Copies only the newlines of {@code source[from, to)} so code keeps its line numbers; returns their count. */
  private static int blankOut(String source, int from, int to, StringBuilder code) {
    int newlines = 0;
    for (int k = from; k < to; k++) {
      if (source.charAt(k) == '\n') {
        code.append('\n');
        newlines++;
      }
    }
    code.append(' ');
    return newlines;
  }

  private static int byLine(String a, String b) {
    return Integer.compare(lineOf(a), lineOf(b));
  }

  private static int lineOf(String finding) {
    String[] parts = finding.split(":", 3);
    return Integer.parseInt(parts[1]);
  }

  private static List<Path> javaSources(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> {
            String s = p.toString().replace('\\', '/');
            return (s.contains("/src/main/java/") || s.contains("/src/test/java/")) && !s.contains("/target/")
                && !s.contains("/.git/");
          })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
