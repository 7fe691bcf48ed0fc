package org.loyaltyrules.loyalty.examples.shop;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;

/**
 * Tomcat's error report for what Tomcat refuses itself, before any servlet runs (a malformed URI,
 * header or request line): the API's JSON error shape instead of Tomcat's HTML page. Errors that
 * reach Spring go through {@link ApiErrors} or {@link ShopErrorController} instead.
 */
public final class JsonErrorReportValve extends ErrorReportValve {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    HttpStatusCode code = HttpStatusCode.valueOf(status);
    String message = status >= 500 ? "Internal error: the request failed; see the log"
        : "Malformed request: the server refused the request line, a header or the URI";
    try {
      response.setContentType("application/json");
      response.setCharacterEncoding("UTF-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(JSON.writeValueAsString(
            ApiErrors.ErrorView.of(code, ApiErrors.codeOf(status), message, "request", null, null, null)));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // the client is gone or the response already committed: nothing more to tell it
    }
  }

  /** Puts this valve in place of the host's {@link ErrorReportValve}s, after Spring Boot added its own. */
  @Component
  static final class Installer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {
    @Override
    public void customize(TomcatServletWebServerFactory factory) {
      factory.addContextCustomizers(context -> {
        StandardHost host = (StandardHost) context.getParent();
        for (Valve valve : host.getPipeline().getValves()) {
          if (valve instanceof ErrorReportValve) {
            host.getPipeline().removeValve(valve);
          }
        }
        host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
      });
    }

    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE; // after Boot's customizer, which adds a plain ErrorReportValve
    }
  }
}
