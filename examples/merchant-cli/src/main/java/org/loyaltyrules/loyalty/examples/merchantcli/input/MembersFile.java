package org.loyaltyrules.loyalty.examples.merchantcli.input;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.Instant;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.loyaltyrules.loyalty.LoyaltyException;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.TierLadder;

/**
 * Reads members known before the replay, with what orders cannot tell: enrolment time, tier,
 * birthday and referrer. Members not in the file are enrolled in the entry tier at their first order.
 *
 * <pre>
 * member_id,enrolled_at,tier,birthday,referrer_id,tags
 * m-7,2024-05-01,silver,03-14,,
 * m-8,2025-01-10T09:00:00+08:00,,,m-7,staff;b2b
 * </pre>
 *
 * <p>Required: {@code member_id}, {@code enrolled_at} (as {@link Times#parse}). Optional:
 * {@code tier} (a tier code of the programme; default the entry tier), {@code birthday}
 * ({@code MM-DD}), {@code referrer_id} (another member of this file), {@code tags}
 * ({@code ;}-separated). Any problem rejects the whole file: referral chains need every member.
 */
public final class MembersFile {
  /** The columns the file may have. */
  public static final List<String> COLUMNS = List.of("member_id", "enrolled_at", "tier", "birthday", "referrer_id",
      "tags");
  private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("MM-dd", Locale.ROOT);

  private MembersFile() {}

  /** The members file has problems; each names its line. */
  public static final class MembersFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    MembersFileException(List<String> problems) {
      super(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in the members file:\n  "
          + String.join("\n  ", problems));
      this.problems = List.copyOf(problems);
    }

    /** @return each problem as {@code line N: message} */
    public List<String> problems() {
      return problems;
    }
  }

  /**
   * Reads the members.
   *
   * @param in the file's text
   * @param zone the zone local times are in
   * @param tiers the programme's tiers
   * @return the members, in file order
   * @throws IOException if reading fails
   * @throws MembersFileException listing every problem
   */
  public static List<Member> read(BufferedReader in, ZoneId zone, TierLadder tiers) throws IOException {
    CsvRow row = new CsvRow();
    Map<String, Integer> columns = null;
    List<String> problems = new ArrayList<>();
    Map<String, Member> members = new LinkedHashMap<>();
    Map<String, Long> lines = new HashMap<>();
    long lineNo = 0;
    String line;
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (lineNo == 1) {
        line = OnlineRetailReader.stripBom(line);
      }
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (!row.split(line)) {
        problems.add("line " + lineNo + ": unterminated or misplaced quote at column " + row.errorColumn());
        continue;
      }
      if (columns == null) {
        columns = new HashMap<>();
        for (int i = 0; i < row.size(); i++) {
          String name = row.text(i).strip().toLowerCase(Locale.ROOT);
          if (!COLUMNS.contains(name) || columns.put(name, i) != null) {
            problems.add("line " + lineNo + ": header column [" + row.text(i) + "] is unknown or repeated; expected "
                + COLUMNS);
          }
        }
        if (!columns.containsKey("member_id") || !columns.containsKey("enrolled_at")) {
          problems.add("line " + lineNo + ": the header needs member_id and enrolled_at");
        }
        if (!problems.isEmpty()) {
          throw new MembersFileException(problems);
        }
        continue;
      }
      if (row.size() != columns.size()) {
        problems.add("line " + lineNo + ": row has " + row.size() + " fields; expected " + columns.size());
        continue;
      }
      try {
        String id = field(row, columns, "member_id");
        if (id.isEmpty()) {
          throw new IllegalArgumentException("member_id is blank");
        }
        if (members.containsKey(id)) {
          throw new IllegalArgumentException("member_id [" + id + "] is also on line " + lines.get(id));
        }
        Instant enrolled = Times.parse(field(row, columns, "enrolled_at"), zone);
        String tier = field(row, columns, "tier");
        if (tier.isEmpty()) {
          tier = tiers.entry().code();
        } else if (!tiers.codes().contains(tier)) {
          throw new IllegalArgumentException("tier [" + tier + "]; expected one of " + tiers.codes());
        }
        Member member = Member.of(id, enrolled, tier);
        String birthday = field(row, columns, "birthday");
        if (!birthday.isEmpty()) {
          try {
            member = member.withBirthday(MonthDay.parse(birthday, MONTH_DAY));
          } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("birthday [" + birthday + "]; expected MM-DD such as 03-14");
          }
        }
        String referrer = field(row, columns, "referrer_id");
        if (!referrer.isEmpty()) {
          member = member.withReferrer(referrer);
        }
        String tags = field(row, columns, "tags");
        if (!tags.isEmpty()) {
          Set<String> set = new LinkedHashSet<>();
          for (String tag : tags.split(";")) {
            if (!tag.isBlank()) {
              set.add(tag.strip());
            }
          }
          member = member.withTags(set);
        }
        members.put(id, member);
        lines.put(id, lineNo);
      } catch (IllegalArgumentException | LoyaltyException e) {
        problems.add("line " + lineNo + ": " + e.getMessage());
      }
    }
    for (Member member : members.values()) {
      Optional<String> referrer = member.referrerId();
      if (referrer.isPresent() && !members.containsKey(referrer.get())) {
        problems.add("line " + lines.get(member.id()) + ": referrer_id [" + referrer.get()
            + "] is not a member of this file");
      }
    }
    if (!problems.isEmpty()) {
      throw new MembersFileException(problems);
    }
    return List.copyOf(members.values());
  }

  private static String field(CsvRow row, Map<String, Integer> columns, String name) {
    Integer i = columns.get(name);
    return i == null ? "" : row.text(i).strip();
  }
}
