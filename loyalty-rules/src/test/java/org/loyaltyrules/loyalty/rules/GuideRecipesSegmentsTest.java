package org.loyaltyrules.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loyaltyrules.loyalty.rules.Fixtures.order;
import static org.loyaltyrules.loyalty.rules.Fixtures.taipei;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.PointLedger;
import org.loyaltyrules.loyalty.Programme;
import org.loyaltyrules.loyalty.TierProgress;

/** Runs the Java snippet of guide recipe 7.19 (tier-progress notices) with the numbers the guide gives. */
class GuideRecipesSegmentsTest {

  @Test
  void tierProgressQuery_memberWithNt4000_needsNt6000MoreForSilver() {
    // given: a member who paid NT$4,000 on 2025-03-05 (Taipei)
    Shop shop = new Shop(Programmes.taiwan(List.of()));
    shop.join(Member.of("m-1", taipei("2025-01-01T10:00"), "member"));
    shop.apply(new LoyaltyEvent.OrderPaid(order("o-1", "m-1", taipei("2025-03-05T12:00"), "4000")));
    PointLedger ledger = shop.ledger("m-1");

    // when
    // snippet-start tier-progress/TierProgressQuery.java
    Programme programme = Programmes.taiwan(List.of());
    List<TierProgress> progress = TierProgress.of(programme.tiers(), ledger, "member",
        Instant.parse("2025-04-01T00:00:00Z"), programme.zone(), Money.zero(programme.currency()));
    String notice = progress.get(0).notice();
    // snippet-end

    // then
    assertThat(notice).isEqualTo("tier-progress: spend TWD 6000.00 more by 2026-03-04 to reach silver");
    assertThat(programme.tierProgressNotices()).isTrue();
    assertThat(programme.segmentPolicy().highValueSpend()).isEqualTo(Money.of("20000", "TWD"));
  }
}
