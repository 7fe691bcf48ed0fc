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
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Turns failures into JSON error bodies with the library's stable {@code code} and message, and,
 * for a rejected value, its {@code subject}, {@code field}, {@code value} and {@code expected}:
 *
 * <ul>
 *   <li>400 {@code malformed-request}: the body is not the JSON the endpoint reads;
 *   <li>401 {@code unauthorized}, 403 {@code cross-origin} / {@code admin-disabled}: see
 *       {@link AdminSecurity};
 *   <li>404 {@code not-found}: an unknown member or order, or no such endpoint;
 *   <li>405 {@code method-not-allowed}, 406 {@code not-acceptable}, 415 {@code unsupported-media-type};
 *   <li>413 {@code request-too-large}: see {@link RequestSizeLimit};
 *   <li>409 {@code duplicate-event}: an id reused with different content;
 *   <li>422 the library's codes ({@code invalid-value}, {@code insufficient-points},
 *       {@code clawback-exceeds-earned}, {@code unknown-entry}, {@code currency-mismatch}…): the
 *       request is well-formed but the programme refuses it; nothing was stored;
 *   <li>500 {@code rule-error}, {@code rule-runaway}, {@code rule-argument}, {@code forged-fact},
 *       {@code points-overflow}, {@code evaluation-error}: the serving rules failed, not the request;
 *   <li>500 {@code internal-error}: anything else; the message says nothing about the cause, the log
 *       does;
 *   <li>503 {@code busy}: the member's row stayed locked longer than the lock timeout; retry.
 * </ul>
 *
 * <p>Errors that happen outside Spring MVC (the container's own 400s, a failure in a filter) reach
 * {@link ShopErrorController}, which answers with the same shape. No error body echoes more than
 * {@value #MAX_VALUE_CHARS} characters of a value.
 */
@RestControllerAdvice
class ApiErrors {
  private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

  /** The longest part of a rejected value an error body repeats. */
  static final int MAX_VALUE_CHARS = 64;

  /** The longest message an error body carries. */
  static final int MAX_MESSAGE_CHARS = 600;

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
      String expected) {

    /**
     * An error body whose value is cut to {@value #MAX_VALUE_CHARS} characters, in the message too,
     * and whose message is at most {@value #MAX_MESSAGE_CHARS} characters.
     */
    static ErrorView of(HttpStatusCode status, String code, String message, String subject, String field,
        String value, String expected) {
      String text = message == null ? "" : message;
      if (value != null && value.length() > MAX_VALUE_CHARS && !value.isEmpty()) {
        text = text.replace(value, shorten(value));
      }
      return new ErrorView(status.value(), code, cut(text, MAX_MESSAGE_CHARS), subject, field, shorten(value),
          cut(expected, MAX_MESSAGE_CHARS));
    }
  }

  /**
   * @param value a value to show in an error
   * @return its first {@value #MAX_VALUE_CHARS} characters and "…" if it is longer
   */
  static String shorten(String value) {
    return cut(value, MAX_VALUE_CHARS);
  }

  private static String cut(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    // Do not split a surrogate pair.
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end) + "…";
  }

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
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof RequestSizeLimit.BodyTooLargeException) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
            .body(RequestSizeLimit.tooLarge("more than " + RequestSizeLimit.MAX_BODY_BYTES + " bytes"));
      }
    }
    if (e.getCause() instanceof JsonMappingException m) {
      String path = path(m);
      return body(HttpStatus.BAD_REQUEST, "malformed-request",
          "Malformed request: " + path + "; " + m.getOriginalMessage().lines().findFirst().orElse(""), "request body",
          path, null, null);
    }
    return body(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request: the body is not valid JSON",
        "request body", null, null, "a JSON object");
  }

  /** Spring MVC's own refusals: no such endpoint (404), wrong method (405), wrong media type (415)… */
  private static ResponseEntity<ErrorView> refusedByMvc(Exception e) {
    ErrorResponse response = (ErrorResponse) e;
    HttpStatusCode status = response.getStatusCode();
    String detail = response.getBody().getDetail();
    return ResponseEntity.status(status).headers(response.getHeaders())
        .body(ErrorView.of(status, codeOf(status.value()), detail == null ? e.getMessage() : detail, "request", null,
            null, null));
  }

  /** Spring MVC's refusals ({@link ErrorResponse}), and anything else: a 500 that names no internals. */
  @ExceptionHandler(Exception.class)
  ResponseEntity<ErrorView> unexpected(Exception e) {
    if (e instanceof ErrorResponse) {
      return refusedByMvc(e);
    }
    LOG.error("request failed unexpectedly", e);
    return body(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error: the request failed; see the log",
        null, null, null, null);
  }

  /**
   * @param status an HTTP status
   * @return the stable code the API uses for it when nothing more specific is known
   */
  static String codeOf(int status) {
    return switch (status) {
      case 400 -> "malformed-request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not-found";
      case 405 -> "method-not-allowed";
      case 406 -> "not-acceptable";
      case 413 -> "request-too-large";
      case 415 -> "unsupported-media-type";
      default -> status >= 500 ? "internal-error" : "http-" + status;
    };
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
    return ResponseEntity.status(status).body(ErrorView.of(status, code, message, subject, field, value, expected));
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
