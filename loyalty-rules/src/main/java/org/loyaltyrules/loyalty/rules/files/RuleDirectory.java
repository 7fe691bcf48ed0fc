package org.loyaltyrules.loyalty.rules.files;

import static org.loyaltyrules.loyalty.rules.files.RuleFiles.MAX_DIRECTORY_BYTES;
import static org.loyaltyrules.loyalty.rules.files.RuleFiles.MAX_FILES;
import static org.loyaltyrules.loyalty.rules.files.RuleFiles.MAX_FILE_BYTES;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.loyaltyrules.loyalty.rules.RuleFileProblem;

/**
 * Reading a merchant's rule directory from disk for {@link RuleFiles#directory(Path)} and {@link
 * RuleFiles#fingerprint(Path)}: listing its rule and data files, reading each one bounded and as
 * strict UTF-8, and saying by name why a file cannot be used. Kept apart from {@link RuleFiles},
 * which is about layering, checking and loading files once they are text.
 */
final class RuleDirectory {
  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private RuleDirectory() {}

  static void requireDirectory(Path dir) throws NotDirectoryException {
    if (!Files.isDirectory(dir)) {
      throw new NotDirectoryException(dir.toAbsolutePath() + (Files.exists(dir) ? " is a file" : " does not exist")
          + "; expected a directory of .drl files");
    }
  }

  /** A file's text, or why it cannot be used; {@code bytes} is what reading it cost. */
  record Read(String text, long bytes, RuleFileProblem problem) {
    static Read refused(RuleFileProblem problem) {
      return new Read(null, 0, problem);
    }
  }

  /**
   * Reads one file, bounded: its type is looked at before it is opened (opening a pipe would block),
   * and never more than {@value RuleFiles#MAX_FILE_BYTES} bytes (plus one, to tell a larger file) are
   * read.
   */
  static Read read(Path file, String name, long budget) {
    byte[] bytes;
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        // Not read, and not an error: a folder of old rules named "archive.drl" is not a rule file.
        return Read.refused(new RuleFileProblem(name, 0, 0, "", "not-a-file", "Not a file: [" + name + "] is "
            + (attributes.isDirectory() ? "a directory" : "a device, pipe or socket")
            + "; expected a regular file (it is not read: rules are read from the directory itself, not from"
            + " subdirectories)", RuleFileProblem.Severity.WARNING));
      }
      if (attributes.size() > MAX_FILE_BYTES) {
        return Read.refused(tooLarge(name, attributes.size()));
      }
      if (attributes.size() > budget) {
        return Read.refused(fileProblem(name, 0, 0, "directory-too-large", "Directory too large: the rule and data files"
            + " read before this one leave [" + budget + "] bytes of the directory's " + MAX_DIRECTORY_BYTES
            + "; expected rule and data files of at most " + MAX_DIRECTORY_BYTES + " bytes together (this file and"
            + " those after it in name order were not read)"));
      }
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes(MAX_FILE_BYTES + 1);
      }
    } catch (IOException e) {
      return Read.refused(fileProblem(name, 0, 0, "unreadable", "Unreadable file: [" + name + "] " + reason(e)
          + "; expected a regular file the host can read"));
    }
    if (bytes.length > MAX_FILE_BYTES) {
      return Read.refused(tooLarge(name, bytes.length)); // it grew while it was read
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      return Read.refused(notUtf8(name, bytes, in.position(), out));
    }
    out.flip();
    String text = out.toString();
    return new Read(!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text, bytes.length, null);
  }

  /**
   * The first byte that is not UTF-8, placed by line and column: the column counts the characters
   * decoded on its line before it, as every other position does.
   */
  private static RuleFileProblem notUtf8(String name, byte[] bytes, int offset, CharBuffer decoded) {
    decoded.flip();
    int line = 1;
    int column = 1;
    for (int i = 0; i < decoded.length(); i++) {
      if (decoded.charAt(i) == '\n') {
        line++;
        column = 1;
      } else if (!(i == 0 && decoded.charAt(i) == BYTE_ORDER_MARK)) {
        column++;
      }
    }
    String at = offset < bytes.length ? String.format(Locale.ROOT, "0x%02X", bytes[offset] & 0xFF) : "end of file";
    return fileProblem(name, line, column, "encoding", "Not UTF-8 text: byte [" + at + "] at offset [" + offset
        + "] does not decode as UTF-8; expected a file saved as UTF-8 (an editor saving as Big5 or"
        + " Windows-1252 writes bytes like this one)");
  }

  private static RuleFileProblem tooLarge(String name, long size) {
    return fileProblem(name, 0, 0, "file-too-large", "File too large: [" + name + "] has [" + size
        + "] bytes; expected at most " + MAX_FILE_BYTES + " (1 MiB) per rule or data file");
  }

  private static String reason(IOException e) {
    String kind = e.getClass().getSimpleName();
    String detail = e instanceof FileSystemException fs ? fs.getReason() : null;
    return detail == null || detail.isBlank() ? kind : kind + " (" + detail + ")";
  }

  static RuleFileProblem fileProblem(String name, int line, int column, String code, String message) {
    return new RuleFileProblem(name, line, column, "", code, message, RuleFileProblem.Severity.ERROR);
  }


  /** @see RuleFiles#fingerprint(Path) */
  static String fingerprint(Path dir) throws IOException {
    requireDirectory(dir);
    MessageDigest digest = sha256();
    List<Path> files = listed(dir);
    for (int i = 0; i < Math.min(files.size(), MAX_FILES + 1); i++) {
      Path file = files.get(i);
      String content = fingerprintOf(file);
      if (content == null) {
        continue; // not a file: only a warning, and adding or changing it changes no rule
      }
      digest.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(content.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
    }
    return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
  }

  private static String fingerprintOf(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        return null;
      }
      if (attributes.size() > MAX_FILE_BYTES) {
        return "large " + attributes.size() + " " + attributes.lastModifiedTime().toMillis();
      }
      try (InputStream in = Files.newInputStream(file)) {
        return "bytes " + HexFormat.of().formatHex(sha256().digest(in.readNBytes(MAX_FILE_BYTES + 1)));
      }
    } catch (IOException e) {
      return "unreadable " + reason(e);
    }
  }

  /**
   * The rule and data files of a directory, in name order: every entry with such a name, whatever
   * it is, so that a directory or pipe named like one is reported rather than silently skipped.
   */
  static List<Path> listed(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, RuleDirectory::isRuleOrDataFile)) {
      for (Path entry : entries) {
        files.add(entry);
      }
    } catch (DirectoryIteratorException e) {
      throw e.getCause(); // an IOException naming the directory, as the signature says
    }
    files.sort(null);
    return files;
  }

  private static boolean isRuleOrDataFile(Path entry) {
    String name = entry.getFileName().toString();
    return name.toLowerCase(Locale.ROOT).endsWith(".drl") || name.equals(CampaignFile.FILE_NAME)
        || name.equals(TierFile.FILE_NAME);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
