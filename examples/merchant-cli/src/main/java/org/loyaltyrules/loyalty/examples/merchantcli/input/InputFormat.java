package org.loyaltyrules.loyalty.examples.merchantcli.input;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/** The input layouts the replay reads. */
public enum InputFormat {
  /** The UCI Online Retail CSV layout ({@link OnlineRetailReader}). */
  ONLINE_RETAIL("online-retail"),
  /** The generic one-row-per-line CSV layout ({@link GenericCsvReader}). */
  GENERIC("generic"),
  /** One JSON invoice per line ({@link JsonLinesReader}). */
  JSONL("jsonl");

  private final String id;

  InputFormat(String id) {
    this.id = id;
  }

  /** @return the name used on the command line, e.g. {@code online-retail} */
  public String id() {
    return id;
  }

  /**
   * @param id a command-line name
   * @return the format
   * @throws IllegalArgumentException listing the names, if unknown
   */
  public static InputFormat of(String id) {
    for (InputFormat f : values()) {
      if (f.id.equalsIgnoreCase(id)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown format [" + id + "]; expected online-retail, generic or jsonl");
  }

  /**
   * Guesses the layout of a file: {@code .jsonl}/{@code .ndjson} (optionally {@code .gz}) is JSON
   * lines; a CSV whose header is the Online Retail header is that layout; any other CSV is generic.
   *
   * @param file the file
   * @return the layout
   * @throws IOException if the file cannot be read
   */
  public static InputFormat detect(Path file) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".gz")) {
      name = name.substring(0, name.length() - 3);
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
      return JSONL;
    }
    try (BufferedReader in = open(file, null)) {
      String header = in.readLine();
      return header != null && OnlineRetailReader.isHeader(header) ? ONLINE_RETAIL : GENERIC;
    }
  }

  /**
   * @param currency the programme currency
   * @param zone the programme zone
   * @return a reader for this layout; the Online Retail layout leaves its non-product codes out
   */
  public InvoiceReader reader(Currency currency, ZoneId zone) {
    return switch (this) {
      case ONLINE_RETAIL -> new OnlineRetailReader(currency, zone, NonProductCodes.onlineRetail());
      case GENERIC -> new GenericCsvReader(currency, zone, NonProductCodes.none());
      case JSONL -> new JsonLinesReader(currency, zone, NonProductCodes.none());
    };
  }

  /**
   * Opens a text file as UTF-8, decompressing it when its name ends in {@code .gz}.
   *
   * @param file the file
   * @param counter counts the (compressed) bytes read, for progress; may be null
   * @return a buffered reader
   * @throws IOException if the file cannot be opened
   */
  public static BufferedReader open(Path file, ByteCounter counter) throws IOException {
    InputStream raw = Files.newInputStream(file);
    InputStream in = counter == null ? raw : counter.wrap(raw);
    try {
      if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
        in = new GZIPInputStream(in, 1 << 16);
      } else {
        in = new BufferedInputStream(in, 1 << 16);
      }
    } catch (IOException e) {
      raw.close();
      throw e;
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
  }
}
