package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;
import static org.loyaltyrules.loyalty.rules.Fixtures.taiwan;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.Campaign;
import org.loyaltyrules.loyalty.CampaignSchedule;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.EntryKey;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.Points;
import org.loyaltyrules.loyalty.rules.files.CampaignFile;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Programme;

/**
 * Referral amounts became campaign data (issue 13): three tricks a hostile or careless
 * {@code campaigns.csv} can play with referral rows, each refused at its position or harmless.
 */
class ReferralCampaignTricksTest {
  private static final String HEADER = "id,name,kind,bonus,min_spend,level\n";

  @Test
  void parse_referralLevelBeyondAnInt_isRefusedAtItsRowAndColumn() {
    // when / then: 2^31 must not wrap to a negative level or fall back to a default
    assertThatThrownBy(() -> CampaignFile.parse("campaigns.csv",
        HEADER + "ref-1,Referral,REFERRAL_BONUS,300,500,2147483648\n", Fixtures.TWD))
        .isInstanceOf(RuleFileException.class)
        .satisfies(e -> assertThat(((RuleFileException) e).problems())
            .anySatisfy(p -> {
              assertThat(p.file()).isEqualTo("campaigns.csv");
              assertThat(p.line()).isEqualTo(2);
              assertThat(p.column()).isEqualTo(39);
              assertThat(p.message()).contains("level");
            }));
  }

  @Test
  void parse_referralLevelBelowTheChain_isRefusedAtItsRow() {
    // when / then: level 0 would pay the referee itself; -1 nobody
    for (String level : List.of("0", "-1")) {
      assertThatThrownBy(() -> CampaignFile.parse("campaigns.csv",
          HEADER + "ref-1,Referral,REFERRAL_BONUS,300,500," + level + "\n", Fixtures.TWD))
          .as(level)
          .isInstanceOf(RuleFileException.class)
          .satisfies(e -> assertThat(((RuleFileException) e).problems())
              .anySatisfy(p -> assertThat(p.line()).isEqualTo(2)));
    }
  }

  @Test
  void decide_twoReferralCampaignsForOneLevel_payTheUplineOnceNotTwice() {
    // given: a calendar that lists level 1 twice, hoping to pay the direct referrer twice
    Programme programme = taiwan(
        Campaign.referralBonus("ref-a", "Referral A", 1, Points.of(300), Fixtures.twd("500"), CampaignSchedule.always()),
        Campaign.referralBonus("ref-b", "Referral B", 1, Points.of(400), Fixtures.twd("500"), CampaignSchedule.always()));
    Shop shop = new Shop(programme);
    shop.join(Member.of("bob", taipei("2025-01-01T00:00"), "member"));
    shop.join(Member.of("cat", taipei("2025-01-01T00:00"), "member").withReferrer("bob"));

    // when
    Decision decision = shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "cat", taipei("2025-03-05T12:00"), "600")));

    // then: one entry per upline and level (the key is per referee and level), whatever the calendar says
    List<LedgerEntry> referral = decision.entries().stream()
        .filter(e -> EntryKey.parse(e.key()) instanceof EntryKey.ReferralBonus).toList();
    assertThat(referral).hasSize(1);
    assertThat(referral.get(0).key()).isEqualTo(EntryKey.referralBonus("cat", 1).text());
  }
}
