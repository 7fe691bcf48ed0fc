package org.loyaltyrules.loyalty.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every status, the container's own included, answers with the API's one JSON error shape. */
class ErrorShapeTest extends ShopHttpTestSupport {

  private static void assertErrorShape(Reply reply, int status, String code) {
    assertThat(reply.status()).as("%s", reply).isEqualTo(status);
    assertThat(reply.body().get("status").intValue()).isEqualTo(status);
    assertThat(reply.body().get("code").textValue()).isEqualTo(code);
    assertThat(reply.body().get("message").textValue()).isNotBlank();
    assertThat(reply.body().has("timestamp")).as("Spring Boot's default error body").isFalse();
  }

  @Test
  void unknownPath_answers404InTheErrorShape() {
    // when
    Reply reply = get("/no/such/endpoint");

    // then
    assertErrorShape(reply, 404, "not-found");
  }

  @Test
  void wrongMethod_answers405InTheErrorShape() {
    // when
    Reply reply = get("/orders/paid");

    // then
    assertErrorShape(reply, 405, "method-not-allowed");
  }

  @Test
  void wrongContentType_answers415InTheErrorShape() {
    // when
    Reply reply = send("POST", "/orders/paid", "text/plain", "id=1");

    // then
    assertErrorShape(reply, 415, "unsupported-media-type");
  }

  @Test
  void malformedJson_answers400InTheErrorShape() {
    // when
    Reply reply = post("/orders/paid", "{\"id\": ");

    // then
    assertErrorShape(reply, 400, "malformed-request");
  }

  @Test
  void containerRejectedRequest_answers400InTheErrorShape() throws IOException {
    // given: a path with a broken percent escape, which Tomcat refuses before any servlet runs
    String request = "GET /members/%zz/statement HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";

    // when
    String response;
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    // then
    assertThat(response).startsWith("HTTP/1.1 400");
    JsonNode body = JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4).strip().replaceAll("^[0-9a-f]+\r\n", ""));
    assertThat(body.get("status").intValue()).isEqualTo(400);
    assertThat(body.get("code").textValue()).isEqualTo("malformed-request");
  }
}
