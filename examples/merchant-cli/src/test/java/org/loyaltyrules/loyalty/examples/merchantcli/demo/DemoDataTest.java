package org.loyaltyrules.loyalty.examples.merchantcli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.MonthDay;
import org.junit.jupiter.api.Test;
import org.loyaltyrules.loyalty.examples.merchantcli.input.Invoice;
import org.loyaltyrules.loyalty.examples.merchantcli.input.InvoiceLine;

class DemoDataTest {

  @Test
  void generate_sameSeed_sameSample() {
    assertThat(DemoData.generate(7)).isEqualTo(DemoData.generate(7));
    assertThat(DemoData.generate(7).invoices()).isNotEqualTo(DemoData.generate(8).invoices());
  }

  @Test
  void generate_hasTheShapesTheDemoShows() {
    // when
    DemoData.Sample sample = DemoData.generate(DemoData.SEED);

    // then
    assertThat(sample.members()).hasSize(DemoData.MEMBERS);
    assertThat(sample.members()).filteredOn(m -> m.referrerId().isPresent()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(sample.invoices()).filteredOn(Invoice::isGuest).isNotEmpty();
    assertThat(sample.invoices()).filteredOn(i -> i.returnOf().isPresent()).hasSizeGreaterThan(50);
    assertThat(sample.invoices()).flatExtracting(Invoice::lines).extracting(InvoiceLine::category)
        .contains("gift-card", "tea", "apparel");
    assertThat(sample.invoices()).filteredOn(i -> MonthDay.from(i.at().atZone(DemoData.ZONE)).equals(MonthDay.of(11, 11)))
        .hasSizeGreaterThan(30);
    assertThat(sample.invoices()).extracting(i -> i.at().atZone(DemoData.ZONE).toLocalDate())
        .allMatch(d -> d.getYear() == 2025 || d.isBefore(LocalDate.of(2026, 2, 1)));
    assertThat(sample.invoices()).isSortedAccordingTo(java.util.Comparator.comparing(Invoice::at));
    // Members order again: the busiest member places at least 18 orders.
    long busiest = sample.invoices().stream().filter(i -> !i.isGuest() && i.returnOf().isEmpty())
        .collect(java.util.stream.Collectors.groupingBy(i -> i.memberId().get(), java.util.stream.Collectors.counting()))
        .values().stream().mapToLong(Long::longValue).max().orElseThrow();
    assertThat(busiest).isGreaterThanOrEqualTo(18);
  }
}
