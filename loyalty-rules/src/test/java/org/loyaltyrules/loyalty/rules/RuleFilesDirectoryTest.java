package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.rules.files.CampaignFile;
import org.loyaltyrules.loyalty.rules.files.RuleFiles;
import org.loyaltyrules.loyalty.rules.files.TierFile;

/**
 * A rules directory with files that cannot be used (not UTF-8, not regular files, unreadable, too
 * large, too many): each is reported as a problem naming the file, the other files are still read
 * and checked, and no JDK exception escapes {@link RuleFiles#directory} or {@link
 * RuleFiles#fingerprint}.
 */
class RuleFilesDirectoryTest {
  private static final Programme TAIWAN = Programmes.taiwan(List.of());

  private static void write(Path dir, String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  private static List<RuleFileProblem> problems(Path dir) throws IOException {
    return RuleFiles.directory(dir).check(TAIWAN);
  }

  @Test
  void directory_ruleFileInBig5_reportedAtItsFirstBadByteAndTheOtherFilesStillChecked(@TempDir Path dir)
      throws IOException {
    // given: a rule file saved as Big5 by a Taiwanese editor (the bad byte is on line 2, after "// "),
    // a calendar saved as Windows-1252, and a hostile file saved properly
    Charset big5 = Charset.forName("Big5");
    Files.write(dir.resolve("earning.drl"), "// earning\n// 積分規則\nrule \"x\" when then end\n".getBytes(big5));
    Files.write(dir.resolve(CampaignFile.FILE_NAME), "id,name,kind\ncafé,Café day,WELCOME_BONUS\n"
        .getBytes(Charset.forName("windows-1252")));
    write(dir, "hostile.drl", RuleFilesTest.HOSTILE);

    // when
    List<RuleFileProblem> problems = problems(dir);

    // then
    String firstByte = String.format(Locale.ROOT, "0x%02X", "積".getBytes(big5)[0] & 0xFF);
    assertThat(problems).filteredOn(p -> p.code().equals("encoding"))
        .extracting(RuleFileProblem::file, RuleFileProblem::line, RuleFileProblem::column, RuleFileProblem::isError)
        .containsExactly(tuple("campaigns.csv", 2, 4, true), tuple("earning.drl", 2, 4, true));
    assertThat(problems).filteredOn(p -> p.file().equals("earning.drl")).singleElement()
        .hasToString("earning.drl:2:4: encoding: Not UTF-8 text: byte [" + firstByte + "] at offset [14] does not"
            + " decode as UTF-8; expected a file saved as UTF-8 (an editor saving as Big5 or Windows-1252 writes"
            + " bytes like this one)");
    assertThat(problems).filteredOn(p -> p.file().equals("hostile.drl")).extracting(RuleFileProblem::code)
        .contains("forbidden-import", "forbidden-call");
  }

  @Test
  void directory_fileEndingInTheMiddleOfACharacter_reportedAtTheEndOfFile(@TempDir Path dir) throws IOException {
    // given: the first two of the three bytes of "積" in UTF-8, cut off by a truncated copy
    byte[] whole = "// 積".getBytes(StandardCharsets.UTF_8);
    Files.write(dir.resolve("earning.drl"), java.util.Arrays.copyOf(whole, whole.length - 1));

    // when
    List<RuleFileProblem> problems = problems(dir);

    // then
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo("encoding");
      assertThat(p.line()).isEqualTo(1);
      assertThat(p.column()).isEqualTo(4);
    });
  }

  @Test
  void directory_directoryNamedLikeARuleFile_warnedAboutAndNotRead(@TempDir Path dir) throws IOException {
    // given: a folder of old rules named like a rule file, next to the merchant's rules
    Files.createDirectory(dir.resolve("archive.drl"));
    write(dir, "earning.drl", RuleFilesTest.VIP_EARNING);
    write(dir, TierFile.FILE_NAME, RuleFilesTest.TIERS_CSV);

    // when
    LoadedRules loaded = RuleFiles.directory(dir).load(TAIWAN);

    // then: named in a warning; the rules load
    assertThat(loaded.warnings()).filteredOn(p -> p.file().equals("archive.drl")).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo("not-a-file");
      assertThat(p.isError()).isFalse();
      assertThat(p.message()).startsWith("Not a file: [archive.drl] is a directory; expected a regular file");
    });
    assertThat(loaded.ruleBase().sources()).extracting(RuleSource::name).containsExactly("earning.drl");
  }

  @Test
  void directory_symbolicLinkLoopAndBrokenLink_reportedAsUnreadable(@TempDir Path dir) throws IOException {
    // given: a.drl -> b.drl -> a.drl, and a link to a file that does not exist
    assumeTrue(trySymbolicLink(dir.resolve("a.drl"), dir.resolve("b.drl")), "no symbolic links on this file system");
    Files.createSymbolicLink(dir.resolve("b.drl"), dir.resolve("a.drl"));
    Files.createSymbolicLink(dir.resolve("gone.drl"), dir.resolve("deleted.drl"));

    // when
    List<RuleFileProblem> problems = problems(dir);
    String fingerprint = RuleFiles.fingerprint(dir);

    // then
    assertThat(problems).extracting(RuleFileProblem::file, RuleFileProblem::code).containsExactly(
        tuple("a.drl", "unreadable"), tuple("b.drl", "unreadable"), tuple("gone.drl", "unreadable"));
    assertThat(problems.get(2).message()).startsWith("Unreadable file: [gone.drl] NoSuchFileException");
    assertThat(fingerprint).hasSize(16);
  }

  private static boolean trySymbolicLink(Path link, Path target) {
    try {
      Files.createSymbolicLink(link, target);
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  @Test
  void directory_fileOverOneMebibyte_reportedAsTooLargeWithoutBeingRead(@TempDir Path dir) throws IOException {
    // given: a rule file one byte over the bound
    write(dir, "huge.drl", "/" + "*".repeat(RuleFiles.MAX_FILE_BYTES - 2) + "*/");
    write(dir, "earning.drl", RuleFilesTest.HOSTILE);

    // when
    List<RuleFileProblem> problems = problems(dir);

    // then
    assertThat(problems).filteredOn(p -> p.file().equals("huge.drl")).singleElement()
        .hasToString("huge.drl:0:0: file-too-large: File too large: [huge.drl] has [1048577] bytes; expected at"
            + " most 1048576 (1 MiB) per rule or data file");
    assertThat(problems).extracting(RuleFileProblem::code).contains("forbidden-call");
  }

  @Test
  void directory_moreFilesThanTheBound_reportsTheFirstFileNotRead(@TempDir Path dir) throws IOException {
    // given: one file more than the bound, all with names the loader refuses (so nothing compiles)
    for (int i = 0; i <= RuleFiles.MAX_FILES; i++) {
      write(dir, String.format(Locale.ROOT, "rule %03d.drl", i), "");
    }

    // when
    List<RuleFileProblem> problems = problems(dir);

    // then
    assertThat(problems).filteredOn(p -> p.code().equals("file-name")).hasSize(RuleFiles.MAX_FILES);
    assertThat(problems).filteredOn(p -> p.code().equals("too-many-files")).singleElement()
        .satisfies(p -> assertThat(p.file()).isEqualTo("rule 256.drl"));
  }

  @Test
  void fingerprint_badFilesHashedWithoutThrowingAndFixingOneIsAChange(@TempDir Path dir) throws IOException {
    // given
    Files.write(dir.resolve("earning.drl"), new byte[] {(byte) 0xFF, (byte) 0xFE});
    write(dir, "huge.drl", "/" + "*".repeat(RuleFiles.MAX_FILE_BYTES) + "*/");
    String broken = RuleFiles.fingerprint(dir);

    // when
    write(dir, "earning.drl", RuleFilesTest.HOSTILE);

    // then
    assertThat(RuleFiles.fingerprint(dir)).isNotEqualTo(broken);
  }

  @Test
  void load_fileNotUtf8_throwsRuleFileExceptionNamingIt(@TempDir Path dir) throws IOException {
    // given
    Files.write(dir.resolve("earning.drl"), new byte[] {'/', '/', ' ', (byte) 0xE9, '\n'});

    // when / then
    RuleFiles files = RuleFiles.directory(dir).over(RuleFiles.bundled());
    assertThatThrownBy(() -> files.load(TAIWAN)).isInstanceOfSatisfying(RuleFileException.class, e ->
        assertThat(e.problems()).extracting(RuleFileProblem::file, RuleFileProblem::line, RuleFileProblem::column,
            RuleFileProblem::code).containsExactly(tuple("earning.drl", 1, 4, "encoding")));
  }
}
