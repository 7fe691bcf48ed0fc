package org.loyaltyrules.loyalty.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's quick start is {@link QuickstartExample}'s code, line for line, so the README cannot
 * show code that no longer compiles or no longer prints what it says.
 */
class ReadmeQuickstartTest {
  private static final Path README = Path.of("../../README.md");
  private static final Path SOURCE =
      Path.of("src/main/java/org/loyaltyrules/loyalty/examples/quickstart/QuickstartExample.java");

  @Test
  void readme_quickStartBlock_isTheExampleCodeLineForLine() throws IOException {
    // given
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    String source = Files.readString(SOURCE, StandardCharsets.UTF_8);

    // when
    String section = readme.substring(readme.indexOf("## Quick start"));
    String block = between(section, "```java\n", "\n```");
    String code = between(source, "// README quick start: begin\n", "    // README quick start: end");
    String unindented = code.lines().map(l -> l.startsWith("    ") ? l.substring(4) : l)
        .collect(Collectors.joining("\n"));

    // then
    assertThat(block).isEqualTo(unindented.stripTrailing());
  }

  @Test
  void readme_quickStartOutput_isWhatTheExamplePrints() throws IOException {
    // given
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();

    // when
    QuickstartExample.run(new java.io.PrintStream(buffer, true, StandardCharsets.UTF_8));

    // then
    String section = readme.substring(readme.indexOf("## Quick start"));
    String afterCode = section.substring(section.indexOf("\n```\n", section.indexOf("```java")) + 5);
    String shown = between(afterCode, "```\n", "\n```");
    List<String> printed = buffer.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(shown.lines().toList()).isEqualTo(printed);
  }

  private static String between(String text, String start, String end) {
    int from = text.indexOf(start);
    assertThat(from).as("marker %s", start).isNotNegative();
    int to = text.indexOf(end, from + start.length());
    assertThat(to).as("marker %s", end).isNotNegative();
    return text.substring(from + start.length(), to);
  }
}
