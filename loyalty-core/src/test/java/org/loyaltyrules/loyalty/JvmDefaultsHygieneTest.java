package org.loyaltyrules.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Nothing in loyalty-core may read the JVM's default time zone, locale or clock (STYLE 4.2): such
 * calls are found by a grep over the main sources, as a lightweight forbidden-apis check.
 */
class JvmDefaultsHygieneTest {

  private static final Pattern FORBIDDEN = Pattern.compile(
      "ZoneId\\.systemDefault|TimeZone\\.getDefault|Locale\\.getDefault|Clock\\.system(Default|UTC)"
          + "|(Instant|LocalDate|LocalDateTime|ZonedDateTime|OffsetDateTime)\\.now\\(\\)"
          + "|String\\.format\\(\"|\\.formatted\\(|\\.to(Lower|Upper)Case\\(\\)"
          + "|new SimpleDateFormat|Calendar\\.getInstance\\(\\)|System\\.(out|err)\\.");

  @Test
  void mainSources_everyFile_neverUsesJvmDefaultZoneLocaleOrClock() throws IOException {
    // given
    Path main = Paths.get("src", "main", "java");
    assertThat(main).isDirectory();
    List<String> hits = new ArrayList<>();

    // when
    try (Stream<Path> files = Files.walk(main)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i).trim();
          if (!line.startsWith("*") && !line.startsWith("//") && FORBIDDEN.matcher(line).find()) {
            hits.add(main.relativize(file) + ":" + (i + 1) + ": " + line);
          }
        }
      }
    }

    // then
    assertThat(hits).as("calls that depend on JVM defaults").isEmpty();
  }

  @Test
  void forbiddenPattern_knownOffenders_areRecognised() {
    assertThat(List.of("ZoneId.systemDefault()", "x.toLowerCase()", "String.format(\"%d\", n)", "Instant.now()",
        "Locale.getDefault()", "System.out.println(x)"))
        .allMatch(s -> FORBIDDEN.matcher(s).find());
    assertThat(FORBIDDEN.matcher("code.toLowerCase(Locale.ROOT)").find()).isFalse();
  }
}
