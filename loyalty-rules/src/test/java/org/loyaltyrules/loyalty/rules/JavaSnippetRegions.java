package org.loyaltyrules.loyalty.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
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

/**
 * Finds the regions of test sources that the guide quotes as Java snippets: the lines between
 * {@code // snippet-start <recipe>/<Name>.java} and {@code // snippet-end}, with their common
 * indentation removed. The test around a region compiles and runs it, so a quoted snippet that
 * equals its region is known to compile and to give the numbers that test asserts.
 */
final class JavaSnippetRegions {
  private static final Pattern START = Pattern.compile("// snippet-start ([a-z0-9-]+/[A-Za-z0-9_]+\\.java)");
  private static final String END = "// snippet-end";

  private JavaSnippetRegions() {}

  /**
   * {@return every region under that source root, by key, each ending with a line break}
   *
   * @param root a source root, e.g. {@code src/test/java}
   * @throws AssertionError if a region is never closed, nested, or its key appears twice
   */
  static Map<String, String> under(Path root) {
    Map<String, String> regions = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        read(file, Files.readAllLines(file, StandardCharsets.UTF_8), regions);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return regions;
  }

  static void read(Path file, List<String> lines, Map<String, String> regions) {
    String key = null;
    int start = 0;
    List<String> body = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      Matcher begin = START.matcher(line);
      if (begin.matches()) {
        if (key != null) {
          throw new AssertionError(file + ":" + (i + 1) + ": snippet region inside region " + key);
        }
        key = begin.group(1);
        start = i + 1;
        body.clear();
      } else if (line.equals(END)) {
        if (key == null) {
          throw new AssertionError(file + ":" + (i + 1) + ": snippet-end without snippet-start");
        }
        if (regions.put(key, dedent(body)) != null) {
          throw new AssertionError(file + ":" + start + ": snippet region " + key + " defined twice");
        }
        key = null;
      } else if (key != null) {
        body.add(lines.get(i));
      }
    }
    if (key != null) {
      throw new AssertionError(file + ":" + start + ": snippet region " + key + " never closed");
    }
  }

  /** The lines without the indentation they all share (blank lines do not count), each ending in a newline. */
  static String dedent(List<String> lines) {
    int common = Integer.MAX_VALUE;
    for (String line : lines) {
      if (!line.isBlank()) {
        common = Math.min(common, line.length() - line.stripLeading().length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      text.append(line.isBlank() ? "" : line.substring(common).stripTrailing()).append('\n');
    }
    return text.toString();
  }
}
