package org.loyaltyrules.loyalty.examples.shop;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A shop backend that embeds the loyalty engine: JSON endpoints for enrolment, paid orders, returns,
 * redemptions and statements; plain JDBC on an embedded H2 database; rules reloaded from a directory
 * without a restart. See this module's README for how to run it and curl examples.
 */
// No generated user and password: the admin endpoints take only the configured token (AdminSecurity).
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@EnableConfigurationProperties({RulesProperties.class, CheckpointProperties.class})
@EnableScheduling // the rules directory poll (ShopRules)
public class ShopBackendApplication {

  /**
   * Starts the application.
   *
   * @param args Spring Boot arguments, e.g. {@code --rules.dir=rules --server.port=8080}
   */
  public static void main(String[] args) {
    SpringApplication.run(ShopBackendApplication.class, args);
  }

  /** @return the clock for "now" where a request gives no time (statements, reload reports) */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  /** @return the body size limit, ahead of every other filter (security included) */
  @Bean
  FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(ObjectMapper json) {
    FilterRegistrationBean<RequestSizeLimit> registration = new FilterRegistrationBean<>(new RequestSizeLimit(json));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }
}
