package org.loyaltyrules.loyalty.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.spi.SLF4JServiceProvider;

/** The library logs through slf4j-api only; this module must bind it exactly once, to Logback. */
class LoggingBindingTest {

  @Test
  void classpath_hasExactlyOneSlf4jProvider_logback() {
    // when
    List<String> providers = new ArrayList<>();
    for (SLF4JServiceProvider provider : ServiceLoader.load(SLF4JServiceProvider.class)) {
      providers.add(provider.getClass().getName());
    }

    // then
    assertThat(providers).containsExactly("ch.qos.logback.classic.spi.LogbackServiceProvider");
  }
}
