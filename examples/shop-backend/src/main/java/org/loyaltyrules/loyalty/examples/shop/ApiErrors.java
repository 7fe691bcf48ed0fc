package org.loyaltyrules.loyalty.examples.shop;

import com.fasterxml.jackson.databind.JsonMappingException;
import org.loyaltyrules.loyalty.DuplicateEventException;
import org.loyaltyrules.loyalty.InvalidValueException;
import org.loyaltyrules.loyalty.LoyaltyException;
import org.loyaltyrules.loyalty.rules.RuleEvaluationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Turns failures into JSON error bodies with the library's stable {@code code} and message, and,
 * for a rejected value, its {@code subject}, {@code field}, {@code value} and {@code expected}:
 *
 * <ul>
 *   <li>400 {@code malformed-request}: the body is not the JSON the endpoint reads;
 *   <li>404 {@code not-found}: an unknown member or order;
 *   <li>409 {@code duplicate-event}: an id reused with different content;
 *   <li>422 the library's codes ({@code invalid-value}, {@code insufficient-points},
 *       {@code clawback-exceeds-earned}, {@code unknown-entry}, {@code currency-mismatch}…): the
 *       request is well-formed but the programme refuses it; nothing was stored;
 *   <li>500 {@code rule-error}, {@code rule-runaway}, {@code rule-argument}, {@code forged-fact},
 *       {@code points-overflow}, {@code evaluation-error}: the serving rules failed, not the request;
 *   <li>503 {@code busy}: the member's row stayed locked longer than the lock timeout; retry.
 * </ul>
 */
@RestControllerAdvice
class ApiErrors {
  private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

  /**
   * An error body.
   *
   * @param status the HTTP status
   * @param code a stable identifier of the failure kind
   * @param message the human-readable message
   * @param subject what was being checked, for a rejected value
   * @param field the offending field, for a rejected value
   * @param value the offending value, for a rejected value
   * @param expected what a valid value looks like, for a rejected value
   */
  record ErrorView(int status, String code, String message, String subject, String field, String value,
      String expected) {}

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<ErrorView> notFound(NotFoundException e) {
    return invalid(HttpStatus.NOT_FOUND, e);
  }

  @ExceptionHandler(ConflictingRequestException.class)
  ResponseEntity<ErrorView> conflict(ConflictingRequestException e) {
    return body(HttpStatus.CONFLICT, e.code(), e.getMessage(), null, e.field(), e.value(), null);
  }

  @ExceptionHandler(DuplicateEventException.class)
  ResponseEntity<ErrorView> duplicate(DuplicateEventException e) {
    return body(HttpStatus.CONFLICT, e.code(), e.getMessage(), "ledger entry", "idempotencyKey", e.key(), null);
  }

  @ExceptionHandler(InvalidValueException.class)
  ResponseEntity<ErrorView> invalid(InvalidValueException e) {
    return invalid(HttpStatus.UNPROCESSABLE_ENTITY, e);
  }

  @ExceptionHandler(RuleEvaluationException.class)
  ResponseEntity<ErrorView> ruleFailed(RuleEvaluationException e) {
    LOG.error("the serving rules failed: {}", e.getMessage(), e);
    return body(HttpStatus.INTERNAL_SERVER_ERROR, e.code(), e.getMessage(), "rule", "rule", e.rule(), null);
  }

  @ExceptionHandler(LoyaltyException.class)
  ResponseEntity<ErrorView> refused(LoyaltyException e) {
    return body(HttpStatus.UNPROCESSABLE_ENTITY, e.code(), e.getMessage(), null, null, null, null);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ErrorView> unreadable(HttpMessageNotReadableException e) {
    if (e.getCause() instanceof JsonMappingException m) {
      String path = path(m);
      return body(HttpStatus.BAD_REQUEST, "malformed-request",
          "Malformed request: " + path + "; " + m.getOriginalMessage().lines().findFirst().orElse(""), "request body",
          path, null, null);
    }
    return body(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request: the body is not valid JSON",
        "request body", null, null, "a JSON object");
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ErrorView> badParameter(MethodArgumentTypeMismatchException e) {
    String value = String.valueOf(e.getValue());
    return body(HttpStatus.BAD_REQUEST, "malformed-request",
        "Malformed request: " + e.getName() + " [" + value + "]; expected an ISO-8601 instant", "request parameter",
        e.getName(), value, "an ISO-8601 instant");
  }

  @ExceptionHandler(PessimisticLockingFailureException.class)
  ResponseEntity<ErrorView> busy(PessimisticLockingFailureException e) {
    LOG.warn("a request waited too long for a member lock: {}", e.getMessage());
    return body(HttpStatus.SERVICE_UNAVAILABLE, "busy", "The member is busy with another request; retry", null, null,
        null, null);
  }

  @ExceptionHandler(DuplicateKeyException.class)
  ResponseEntity<ErrorView> raced(DuplicateKeyException e) {
    LOG.warn("a request kept losing a unique-key race: {}", e.getMessage());
    return body(HttpStatus.SERVICE_UNAVAILABLE, "busy", "Concurrent requests with the same id; retry", null, null,
        null, null);
  }

  private static ResponseEntity<ErrorView> invalid(HttpStatus status, InvalidValueException e) {
    return body(status, e.code(), e.getMessage(), e.subject(), e.field(), e.value(), e.expected());
  }

  private static ResponseEntity<ErrorView> body(HttpStatus status, String code, String message, String subject,
      String field, String value, String expected) {
    return ResponseEntity.status(status)
        .body(new ErrorView(status.value(), code, message, subject, field, value, expected));
  }

  /** The JSON path of a mapping failure, e.g. {@code lines[0].quantity}. */
  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? "(body)" : path.toString();
  }
}
