package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The examples use the library as a user would: no source file under {@code examples/} refers to an
 * {@code internal} package of loyalty-core or loyalty-rules. The library is not a named Java module
 * (docs/architecture.md, "Java modules"), so nothing else keeps the examples off the internals.
 */
class ExamplesUsePublicApiTest {
  /** The examples, relative to the loyalty-rules module directory (Surefire's working directory). */
  static final Path EXAMPLES = Path.of("../examples");

  private static final Pattern INTERNAL = Pattern.compile("org\\.loyaltyrules\\.loyalty(\\.\\w+)*\\.internal\\b[\\w.*]*");

  @Test
  void exampleSources_referToNoInternalPackage() throws IOException {
    // given
    List<Path> sources = javaSources(EXAMPLES);

    // when
    Map<String, List<String>> internalReferences = new TreeMap<>();
    for (Path source : sources) {
      List<String> found = internalReferences(Files.readString(source, StandardCharsets.UTF_8));
      if (!found.isEmpty()) {
        internalReferences.put(EXAMPLES.relativize(source).toString().replace('\\', '/'), found);
      }
    }

    // then
    assertThat(sources).as("example sources found under " + EXAMPLES.toAbsolutePath().normalize())
        .hasSizeGreaterThan(20)
        .anyMatch(p -> p.endsWith("EnginePhasesBenchmark.java"));
    assertThat(internalReferences).as("example sources referring to an internal package").isEmpty();
  }

  @Test
  void internalReferences_importsAndQualifiedNames_areFound() {
    // given
    String source = String.join("\n",
        "import org.loyaltyrules.loyalty.rules.internal.EnginePhases;",
        "import static org.loyaltyrules.loyalty.internal.Checks.present;",
        "import org.loyaltyrules.loyalty.rules.profiling.EnginePhases;",
        "class X { Object o = new org.loyaltyrules.loyalty.rules.internal.CampaignIndex(java.util.List.of()); }");

    // when
    List<String> found = internalReferences(source);

    // then
    assertThat(found).containsExactly("org.loyaltyrules.loyalty.rules.internal.EnginePhases",
        "org.loyaltyrules.loyalty.internal.Checks.present", "org.loyaltyrules.loyalty.rules.internal.CampaignIndex");
  }

  static List<String> internalReferences(String source) {
    List<String> found = new ArrayList<>();
    Matcher m = INTERNAL.matcher(source);
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }

  private static List<Path> javaSources(Path root) throws IOException {
    assertThat(root).as("examples directory, from " + Path.of("").toAbsolutePath()).isDirectory();
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(".java"))
          .filter(f -> !f.toString().contains("/target/")).sorted().toList();
    }
  }
}
