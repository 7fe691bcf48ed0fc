package org.loyaltyrules.loyalty.examples.shop;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request body above {@link #MAX_BODY_BYTES} with 413 {@code request-too-large}: at once
 * when {@code Content-Length} says so, otherwise (a chunked body) when reading passes the limit.
 * The largest order the API accepts ({@value ShopApi#MAX_LINES} lines with the longest fields) is
 * well under it.
 */
final class RequestSizeLimit extends OncePerRequestFilter {
  /** 1 MiB. */
  static final int MAX_BODY_BYTES = 1 << 20;

  private final ObjectMapper json;

  RequestSizeLimit(ObjectMapper json) {
    this.json = json;
  }

  /** Thrown while reading a body that passed the limit; {@link ApiErrors} answers 413. */
  static final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    BodyTooLargeException() {
      super("request body larger than " + MAX_BODY_BYTES + " bytes");
    }
  }

  static ApiErrors.ErrorView tooLarge(String size) {
    return ApiErrors.ErrorView.of(HttpStatus.PAYLOAD_TOO_LARGE, "request-too-large",
        "Request too large: body [" + size + "]; expected at most " + MAX_BODY_BYTES + " bytes", "request", "body",
        size, "at most " + MAX_BODY_BYTES + " bytes");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long length = request.getContentLengthLong();
    if (length > MAX_BODY_BYTES) {
      AdminSecurity.write(json, response, tooLarge(length + " bytes"));
      return;
    }
    chain.doFilter(length >= 0 ? request : new Limited(request), response);
  }

  /** Counts what is read of a body of unknown length. */
  private static final class Limited extends HttpServletRequestWrapper {
    private ServletInputStream stream;

    Limited(HttpServletRequest request) {
      super(request);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream = new ServletInputStream() {
          private long read;

          @Override
          public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
              count(1);
            }
            return b;
          }

          @Override
          public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
              count(n);
            }
            return n;
          }

          private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > MAX_BODY_BYTES) {
              throw new BodyTooLargeException();
            }
          }

          @Override
          public boolean isFinished() {
            return in.isFinished();
          }

          @Override
          public boolean isReady() {
            return in.isReady();
          }

          @Override
          public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
          }
        };
      }
      return stream;
    }
  }
}
