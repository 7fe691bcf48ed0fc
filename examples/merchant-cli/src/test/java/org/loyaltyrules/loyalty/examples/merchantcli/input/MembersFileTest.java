package org.loyaltyrules.loyalty.examples.merchantcli.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Instant;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.examples.merchantcli.TestEngines;

class MembersFileTest {
  private static List<Member> read(String text) throws Exception {
    return MembersFile.read(new BufferedReader(new StringReader(text)), ZoneId.of("Asia/Taipei"),
        TestEngines.twdProgramme().tiers());
  }

  @Test
  void read_membersWithTierBirthdayReferrerAndTags() throws Exception {
    // when
    List<Member> members = read("""
        member_id,enrolled_at,tier,birthday,referrer_id,tags
        m-1,2024-05-01,silver,03-14,,
        m-2,2025-01-10T09:00:00+08:00,,,m-1,staff;b2b
        """);

    // then
    assertThat(members).hasSize(2);
    assertThat(members.get(0).tierCode()).isEqualTo("silver");
    assertThat(members.get(0).birthday()).contains(MonthDay.of(3, 14));
    assertThat(members.get(0).enrolledAt()).isEqualTo(Instant.parse("2024-04-30T16:00:00Z"));
    assertThat(members.get(1).tierCode()).isEqualTo("member");
    assertThat(members.get(1).referrerId()).contains("m-1");
    assertThat(members.get(1).tags()).containsExactly("b2b", "staff");
  }

  @Test
  void read_problems_areAllListedWithTheirLines() {
    assertThatThrownBy(() -> read("""
        member_id,enrolled_at,tier,referrer_id
        m-1,2024-05-01,platinum,
        m-2,soon,,
        m-3,2024-05-01,,m-9
        m-3,2024-05-01,,
        """))
        .isInstanceOf(MembersFile.MembersFileException.class)
        .satisfies(e -> assertThat(((MembersFile.MembersFileException) e).problems()).containsExactly(
            "line 2: tier [platinum]; expected one of [member, silver, gold]",
            "line 3: [soon]; expected an ISO date-time such as 2025-03-01T10:15:00 (in the programme's zone), "
                + "2025-03-01T10:15:00+08:00, or a date 2025-03-01",
            "line 5: member_id [m-3] is also on line 4",
            "line 4: referrer_id [m-9] is not a member of this file"));
  }
}
