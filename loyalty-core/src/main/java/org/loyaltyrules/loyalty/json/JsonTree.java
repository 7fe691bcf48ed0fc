package org.loyaltyrules.loyalty.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON value read token by token, with its path. Read here rather than through Jackson's tree so
 * the checks hold whatever the host's mapper is configured with: a duplicate key is refused, floats
 * are kept as their text (never converted), and nesting is bounded.
 */
final class JsonTree {
  /** Deeper than any canonical document (a decision's line share's money is at depth 5). */
  static final int MAX_DEPTH = 16;
  /**
   * Fewest characters per value, on average, a document may spend once past {@link #FREE_VALUES}
   * values. Every value read costs about 150 bytes of heap (its node and path), so a document of
   * millions of tiny values ({@code [0,0,0,…]}, 2 characters each) cost the reader 75 times its
   * size; canonical documents spend 13 to 30 characters per value (a field name and its value).
   * A ratio rather than a count, so a large genuine checkpoint on a host's unbounded mapper still
   * reads.
   */
  static final int MIN_CHARS_PER_VALUE = 8;

  /** Values any document may hold whatever its length. */
  static final int FREE_VALUES = 4_096;

  private JsonTree() {}

  /** A JSON value and where it is in its document. */
  sealed interface Node {
    String path();

    /** @return how the value appears in messages: short text, or what kind of value it is */
    String shown();
  }

  record Obj(String path, Map<String, Node> fields) implements Node {
    @Override
    public String shown() {
      return "an object";
    }
  }

  record Arr(String path, List<Node> elements) implements Node {
    @Override
    public String shown() {
      return "an array";
    }
  }

  record Str(String path, String text) implements Node {
    @Override
    public String shown() {
      return "\"" + text + "\"";
    }
  }

  /** An integer, exact whatever its size (the parser bounds its digits). */
  record Int(String path, BigInteger value) implements Node {
    @Override
    public String shown() {
      return value.toString();
    }
  }

  /** A number with a fraction or exponent, kept as text: no canonical field holds one. */
  record Num(String path, String text) implements Node {
    @Override
    public String shown() {
      return text;
    }
  }

  record Bool(String path, boolean value) implements Node {
    @Override
    public String shown() {
      return Boolean.toString(value);
    }
  }

  record Null(String path) implements Node {
    @Override
    public String shown() {
      return "null";
    }
  }

  /**
   * Reads the value at the parser's current token (and every token inside it).
   *
   * @param parser positioned on the value's first token
   * @param path the value's path
   * @return the value
   * @throws LoyaltyJsonException for a duplicate key, nesting deeper than {@link #MAX_DEPTH}, fewer
   *     than {@link #MIN_CHARS_PER_VALUE} characters per value or a missing value
   * @throws IOException for malformed JSON or JSON beyond the parser's limits
   */
  static Node read(JsonParser parser, String path) throws IOException {
    return read(parser, path, 0, new long[] {0, offset(parser)});
  }

  /** Where the parser is, in characters or bytes (whichever its input counts) from the start. */
  private static long offset(JsonParser parser) {
    var location = parser.currentLocation();
    return Math.max(location.getCharOffset(), location.getByteOffset());
  }

  /**
   * @param count values read so far, and the offset where the value being read started; one array so
   *     the recursion shares it
   */
  private static Node read(JsonParser parser, String path, int depth, long[] count) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == null) {
      throw new LoyaltyJsonException(path, "end of input", "a JSON value");
    }
    // Checked every 1,024 values: a location is an allocation.
    if ((++count[0] & 1023) == 0 && count[0] > FREE_VALUES) {
      long chars = offset(parser) - count[1];
      if (chars < count[0] * MIN_CHARS_PER_VALUE) {
        throw new LoyaltyJsonException(path, count[0] + " values in " + chars + " characters",
            "at least " + MIN_CHARS_PER_VALUE + " characters per value on average (millions of tiny values exhaust the reader's heap)");
      }
    }
    switch (token) {
      case START_OBJECT:
        return object(parser, path, depth + 1, count);
      case START_ARRAY:
        return array(parser, path, depth + 1, count);
      case VALUE_STRING:
        return new Str(path, parser.getText());
      case VALUE_NUMBER_INT:
        return new Int(path, parser.getBigIntegerValue());
      case VALUE_NUMBER_FLOAT:
        return new Num(path, parser.getText());
      case VALUE_TRUE:
        return new Bool(path, true);
      case VALUE_FALSE:
        return new Bool(path, false);
      case VALUE_NULL:
        return new Null(path);
      default:
        throw new LoyaltyJsonException(path, token, "a JSON value");
    }
  }

  private static Node object(JsonParser parser, String path, int depth, long[] count) throws IOException {
    checkDepth(path, depth);
    Map<String, Node> fields = new LinkedHashMap<>();
    for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
      if (t != JsonToken.FIELD_NAME) {
        throw new LoyaltyJsonException(path, t, "a field name or the end of the object");
      }
      String name = parser.currentName();
      String fieldPath = path + "." + name;
      if (fields.containsKey(name)) {
        throw new LoyaltyJsonException(fieldPath, "a second value", "each field once");
      }
      parser.nextToken();
      fields.put(name, read(parser, fieldPath, depth, count));
    }
    return new Obj(path, Collections.unmodifiableMap(fields));
  }

  private static Node array(JsonParser parser, String path, int depth, long[] count) throws IOException {
    checkDepth(path, depth);
    List<Node> elements = new ArrayList<>();
    for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
      if (t == null) {
        throw new LoyaltyJsonException(path, "end of input", "the end of the array");
      }
      elements.add(read(parser, path + "[" + elements.size() + "]", depth, count));
    }
    return new Arr(path, Collections.unmodifiableList(elements));
  }

  private static void checkDepth(String path, int depth) {
    if (depth > MAX_DEPTH) {
      throw new LoyaltyJsonException(path, "nesting depth " + depth, "at most " + MAX_DEPTH + " nested objects and arrays");
    }
  }
}
