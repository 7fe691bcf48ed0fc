package org.loyaltyrules.loyalty.json;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.util.List;
import org.apiguardian.api.API;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.LedgerEntry;

/**
 * Writes and reads the canonical JSON form of loyalty values (see the {@linkplain
 * org.loyaltyrules.loyalty.json package documentation}) with a strictly configured mapper. A host
 * stores what {@link #write} returns and reads it back with {@link #read}; re-appending an entry
 * read back to a ledger that has it is a harmless duplicate, because the text keeps every
 * component byte for byte.
 *
 * <pre>{@code
 * String json = LoyaltyJson.write(decision);
 * Decision back = LoyaltyJson.read(json, Decision.class);  // back.equals(decision)
 * }</pre>
 *
 * <p>{@link #read} treats its input as hostile: whatever the text, it returns a value or throws a
 * {@link LoyaltyJsonException} naming the JSON path, the value and what was expected, never a
 * Jackson or JDK exception.
 *
 * <p>This class has only static methods and is thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class LoyaltyJson {

  /** The version of the canonical form this library writes and the only one it reads. */
  public static final int FORMAT = 1;

  /** The name of the field that carries {@link #FORMAT} as the first field of every document. */
  public static final String FORMAT_FIELD = "format";

  /** Longest document {@link #mapper()} reads, in characters: a decision is a few kilobytes. */
  public static final int MAX_DOCUMENT_CHARS = 10_000_000;

  /** Longest string {@link #mapper()} reads, in characters. */
  public static final int MAX_STRING_CHARS = 100_000;

  /** Most digits of a number {@link #mapper()} reads: more than a {@code long} has. */
  public static final int MAX_NUMBER_CHARS = 100;

  private static final ObjectMapper MAPPER = mapper();

  private LoyaltyJson() {}

  /**
   * Returns a new mapper with {@link LoyaltyJsonModule} registered and strict reading: duplicate
   * keys and trailing tokens are refused, and documents, strings, numbers and nesting are bounded
   * ({@link #MAX_DOCUMENT_CHARS}, {@link #MAX_STRING_CHARS}, {@link #MAX_NUMBER_CHARS}, 32 levels).
   * The host may configure it further for its own types.
   *
   * @return a new mapper
   */
  public static ObjectMapper mapper() {
    StreamReadConstraints limits = StreamReadConstraints.builder()
        .maxDocumentLength(MAX_DOCUMENT_CHARS)
        .maxStringLength(MAX_STRING_CHARS)
        .maxNameLength(1_000)
        .maxNumberLength(MAX_NUMBER_CHARS)
        .maxNestingDepth(32)
        .build();
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(limits)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
    ObjectMapper mapper = new ObjectMapper(factory);
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    mapper.registerModule(new LoyaltyJsonModule());
    return mapper;
  }

  /**
   * Writes the canonical form of a value: an object opening with {@code "format":1}, or a bare
   * integer for {@code Points}.
   *
   * @param value a value of a type {@link LoyaltyJsonModule} supports
   * @return the JSON text, compact, the same bytes for equal values
   * @throws InvalidValueException if {@code value} is null or of a type without a canonical form, or
   *     holds text with an unpaired surrogate (UTF-8 storage would change it)
   */
  public static String write(Object value) {
    if (value == null || form(value.getClass()) == null) {
      throw new InvalidValueException("JSON", "value", value == null ? "null" : value.getClass().getName(),
          "a value with a canonical JSON form: " + supported());
    }
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException | RuntimeException e) {
      if (e.getCause() instanceof InvalidValueException refused) {
        throw refused; // the module refused the value (text with an unpaired surrogate)
      }
      // Writing a valid domain value to a String cannot fail otherwise; should Jackson, say so in our terms.
      throw new InvalidValueException("JSON", "value", value.getClass().getName(), "a value Jackson can write: " + e);
    }
  }

  /**
   * Reads a document in the canonical form.
   *
   * @param <T> the type to read
   * @param json the JSON text, as {@link #write} wrote it
   * @param type the type to read: one {@link LoyaltyJsonModule} supports, such as {@code
   *     Decision.class}, {@code LedgerEntry.class} or {@code LedgerEntry.Earned.class}
   * @return the value
   * @throws LoyaltyJsonException if the text is not the canonical form of a valid {@code type}
   * @throws InvalidValueException if {@code type} is null or has no canonical form
   */
  public static <T> T read(String json, Class<T> type) {
    if (type == null || form(type) == null) {
      throw new InvalidValueException("JSON", "type", type == null ? "null" : type.getName(),
          "a type with a canonical JSON form: " + supported());
    }
    if (json == null) {
      throw new LoyaltyJsonException("$", "null", "a JSON document");
    }
    try {
      T value = MAPPER.readValue(json, type);
      if (value == null) {
        throw new LoyaltyJsonException("$", "null", form(type).what());
      }
      return value;
    } catch (IOException | RuntimeException e) {
      throw typed(e);
    }
  }

  /**
   * Reads a ledger entry of any kind: {@code read(json, LedgerEntry.class)}.
   *
   * @param json the JSON text of one entry
   * @return the entry
   * @throws LoyaltyJsonException if the text is not the canonical form of a valid entry
   */
  public static LedgerEntry readEntry(String json) {
    return read(json, LedgerEntry.class);
  }

  private static Forms.Form<?> form(Class<?> type) {
    return Forms.of(type);
  }

  private static List<String> supported() {
    return Forms.ALL.stream().map(f -> f.type().getSimpleName()).distinct().toList();
  }

  /** The typed error for any failure of a read: ours if there is one in the chain, else the parser's. */
  private static LoyaltyJsonException typed(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof LoyaltyJsonException typed) {
        return typed;
      }
    }
    if (e instanceof StreamConstraintsException) {
      return new LoyaltyJsonException("$", where(((JsonProcessingException) e).getLocation()),
          "a document within the reader's limits (" + original(e) + ")", e);
    }
    if (e instanceof MismatchedInputException m && m.getMessage() != null && m.getMessage().startsWith("Trailing token")) {
      return new LoyaltyJsonException("$", where(m.getLocation()), "one JSON document and nothing after it", e);
    }
    if (e instanceof JsonMappingException m) {
      return new LoyaltyJsonException(path(m), where(m.getLocation()), "a JSON document (" + original(e) + ")", e);
    }
    if (e instanceof JsonProcessingException p) {
      return new LoyaltyJsonException("$", where(p.getLocation()), "well-formed JSON (" + original(e) + ")", e);
    }
    return new LoyaltyJsonException("$", e.getClass().getSimpleName(), "a document Jackson can read (" + original(e) + ")", e);
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder("$");
    for (JsonMappingException.Reference ref : e.getPath()) {
      path.append(ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]");
    }
    return path.toString();
  }

  private static String where(JsonLocation location) {
    return location == null ? "?" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  /** The parser's own explanation, first line only and cut: it may quote the hostile input. */
  private static String original(Exception e) {
    String message = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
    message = String.valueOf(message).lines().findFirst().orElse("");
    return message.length() > 160 ? message.substring(0, 160) + "…" : message;
  }
}
