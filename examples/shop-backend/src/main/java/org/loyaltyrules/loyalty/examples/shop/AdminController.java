package org.loyaltyrules.loyalty.examples.shop;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rule administration. Unprotected here to keep the example short: a real deployment puts these
 * behind its admin authentication.
 */
@RestController
class AdminController {
  private final ShopRules rules;

  AdminController(ShopRules rules) {
    this.rules = rules;
  }

  /** @return the outcome of the last reload attempt, with the version serving now */
  @GetMapping("/admin/rules")
  ShopRules.Outcome rules() {
    return rules.last();
  }

  /**
   * Loads the rules directory if it changed and swaps it in. 200 with the version serving; 422 with
   * every problem (file, line, column) when the files do not load, and the old rules keep serving.
   */
  @PostMapping("/admin/rules/reload")
  ResponseEntity<ShopRules.Outcome> reload() {
    ShopRules.Outcome outcome = rules.reload("admin");
    return ResponseEntity.status(outcome.reloaded() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_ENTITY).body(outcome);
  }
}
