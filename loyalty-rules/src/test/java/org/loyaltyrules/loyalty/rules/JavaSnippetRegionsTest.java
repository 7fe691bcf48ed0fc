package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class JavaSnippetRegionsTest {
  private static final Path FILE = Path.of("Recipes.java");

  @Test
  void read_indentedRegion_isDedentedWithBlankLinesKept() {
    // given
    List<String> lines = List.of(
        "  void recipe() {",
        "    // snippet-start expiry/Policy.java",
        "    Programme p = Programmes.taiwan(List.of())",
        "        .toBuilder()",
        "",
        "        .build();   ",
        "    // snippet-end",
        "  }");
    Map<String, String> regions = new TreeMap<>();

    // when
    JavaSnippetRegions.read(FILE, lines, regions);

    // then
    assertThat(regions).containsExactly(Map.entry("expiry/Policy.java",
        "Programme p = Programmes.taiwan(List.of())\n    .toBuilder()\n\n    .build();\n"));
  }

  @Test
  void read_regionNeverClosed_isAnErrorNamingTheLine() {
    // given
    List<String> lines = List.of("class A {", "// snippet-start a/B.java", "int x;");

    // when / then
    assertThatThrownBy(() -> JavaSnippetRegions.read(FILE, lines, new TreeMap<>()))
        .isInstanceOf(AssertionError.class).hasMessageContaining("Recipes.java:2").hasMessageContaining("never closed");
  }

  @Test
  void read_nestedOrDuplicateOrUnopened_areErrors() {
    assertThatThrownBy(() -> JavaSnippetRegions.read(FILE,
        List.of("// snippet-start a/B.java", "// snippet-start a/C.java"), new TreeMap<>()))
        .isInstanceOf(AssertionError.class).hasMessageContaining("inside region a/B.java");
    assertThatThrownBy(() -> JavaSnippetRegions.read(FILE,
        List.of("// snippet-start a/B.java", "// snippet-end", "// snippet-start a/B.java", "// snippet-end"),
        new TreeMap<>()))
        .isInstanceOf(AssertionError.class).hasMessageContaining("defined twice");
    assertThatThrownBy(() -> JavaSnippetRegions.read(FILE, List.of("// snippet-end"), new TreeMap<>()))
        .isInstanceOf(AssertionError.class).hasMessageContaining("without snippet-start");
  }
}
