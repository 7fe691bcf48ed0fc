package org.loyaltyrules.loyalty.examples.shop;

import java.time.Instant;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shop's loyalty endpoints. A first request answers 201 Created; the same request again answers
 * 200 OK with {@code replayed: true} and stores nothing new. Errors: see {@link ApiErrors}.
 */
@RestController
class ShopController {
  private final LoyaltyService loyalty;

  ShopController(LoyaltyService loyalty) {
    this.loyalty = loyalty;
  }

  @PostMapping("/members")
  ResponseEntity<ShopApi.DecisionView> enrol(@RequestBody ShopApi.EnrolRequest request) {
    return created(loyalty.enrol(request));
  }

  @PostMapping("/orders/paid")
  ResponseEntity<ShopApi.DecisionView> orderPaid(@RequestBody ShopApi.OrderRequest request) {
    return created(loyalty.orderPaid(request));
  }

  @PostMapping("/orders/{orderId}/returns")
  ResponseEntity<ShopApi.DecisionView> orderReturned(@PathVariable("orderId") String orderId,
      @RequestBody ShopApi.ReturnRequest request) {
    return created(loyalty.orderReturned(orderId, request));
  }

  @PostMapping("/members/{memberId}/redemptions")
  ResponseEntity<ShopApi.DecisionView> redeem(@PathVariable("memberId") String memberId,
      @RequestBody ShopApi.RedemptionRequest request) {
    return created(loyalty.redeem(memberId, request));
  }

  @GetMapping("/members/{memberId}/statement")
  ShopApi.StatementView statement(@PathVariable("memberId") String memberId,
      @RequestParam(name = "asOf", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf) {
    return loyalty.statement(memberId, asOf);
  }

  private static ResponseEntity<ShopApi.DecisionView> created(ShopApi.DecisionView view) {
    return ResponseEntity.status(view.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(view);
  }
}
