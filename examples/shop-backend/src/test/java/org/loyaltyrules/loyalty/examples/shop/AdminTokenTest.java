package org.loyaltyrules.loyalty.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The admin token's configuration: no default that works, and no short token. */
class AdminTokenTest {

  @Test
  void expected_unsetOrBlank_disablesTheAdminEndpoints() {
    // when / then
    assertThat(AdminSecurity.expected(null)).isNull();
    assertThat(AdminSecurity.expected("  ")).isNull();
  }

  @Test
  void expected_shortToken_stopsTheApplication() {
    // when / then
    assertThatThrownBy(() -> AdminSecurity.expected("secret"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Invalid configuration: shop.admin.token [6 characters]; expected at least 24 characters");
  }

  @Test
  void expected_longEnoughToken_isAccepted() {
    // when
    byte[] token = AdminSecurity.expected("x".repeat(AdminSecurity.MIN_TOKEN_LENGTH));

    // then
    assertThat(token).hasSize(AdminSecurity.MIN_TOKEN_LENGTH);
  }
}
