package org.loyaltyrules.loyalty.examples.shop;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page ({@code /error}): errors that never reached a controller (the
 * container's own 400s, a failure in a filter, an error sent with {@code sendError}) answer with the
 * API's JSON error shape rather than Spring Boot's default body. Replaces Boot's
 * {@code BasicErrorController}, which backs off when an {@link ErrorController} bean exists.
 */
@RestController
class ShopErrorController implements ErrorController {
  private static final Logger LOG = LoggerFactory.getLogger(ShopErrorController.class);

  @RequestMapping("/error")
  ResponseEntity<ApiErrors.ErrorView> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i && i >= 400 && i <= 599 ? i : 500;
    Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    String message;
    if (failure instanceof Throwable || status >= 500) {
      if (failure instanceof Throwable t) {
        LOG.error("request {} failed outside the controllers", request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), t);
      }
      message = "Internal error: the request failed; see the log";
      status = status < 500 ? 500 : status;
    } else {
      HttpStatus known = HttpStatus.resolve(status);
      message = (known == null ? "HTTP " + status : known.getReasonPhrase()) + ": the request was refused";
    }
    HttpStatusCode statusCode = HttpStatusCode.valueOf(status);
    return ResponseEntity.status(statusCode)
        .body(ApiErrors.ErrorView.of(statusCode, ApiErrors.codeOf(status), message, "request", null, null, null));
  }
}
