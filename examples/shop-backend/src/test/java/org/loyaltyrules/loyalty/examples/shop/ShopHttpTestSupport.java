package org.loyaltyrules.loyalty.examples.shop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Starts the real application once (the context is shared by every test class that extends this)
 * on a random port, with the {@link TestDatabase} (H2 in memory, or the embedded PostgreSQL in the
 * second Surefire execution) and a rules directory under {@code target/}, and talks to it over real
 * HTTP with {@link HttpClient}. Tests use fresh member and order ids, so they do not see each other's
 * rows.
 */
@Tag(TestDatabase.TAG)
@Import(LedgerRowCounter.Wrapping.class)
@ActiveProfiles(resolver = TestDatabase.Profiles.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "rules.poll-interval=0s",
      "shop.admin.token=" + ShopHttpTestSupport.ADMIN_TOKEN,
      "logging.level.org.drools=WARN",
      "logging.level.org.kie=WARN"
    })
abstract class ShopHttpTestSupport {
  /** Every member enrolled by the tests gets this welcome bonus (campaigns.csv below). */
  static final long WELCOME = 50;

  /** The admin token the tests' application is configured with. */
  static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";

  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

  static Path rulesDir;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.named("shop_test").springProperties().forEach((key, value) -> registry.add(key, () -> value));
  }

  @DynamicPropertySource
  static void rules(DynamicPropertyRegistry registry) throws IOException {
    Files.createDirectories(Path.of("target"));
    rulesDir = Files.createTempDirectory(Path.of("target"), "test-rules-");
    Files.writeString(rulesDir.resolve("campaigns.csv"), """
        id,name,kind,bonus
        welcome-50,50 welcome points,WELCOME_BONUS,50
        """, StandardCharsets.UTF_8);
    registry.add("rules.dir", () -> rulesDir.toString());
  }

  /** A status code and a JSON body. */
  record Reply(int status, JsonNode body) {
    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  Reply post(String path, String json) {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
  }

  Reply get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  /** A POST with the admin token. */
  Reply adminPost(String path) {
    return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + ADMIN_TOKEN)
        .POST(HttpRequest.BodyPublishers.noBody()));
  }

  /** A GET with the admin token. */
  Reply adminGet(String path) {
    return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + ADMIN_TOKEN).GET());
  }

  /** Sends any request; the body must be JSON. */
  Reply send(String method, String path, String contentType, String body, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), JSON.readTree(response.body()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // ------------------------------------------------------------------ shop helpers

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Enrols a new member on 1 March 2026 and returns its id. */
  String enrol(String prefix) {
    return enrol(prefix, null);
  }

  String enrol(String prefix, String referrerId) {
    String id = unique(prefix);
    Reply reply = post("/members", """
        {"id": "%s", "enrolledAt": "2026-03-01T10:00:00+08:00"%s}
        """.formatted(id, referrerId == null ? "" : ", \"referrerId\": \"" + referrerId + "\""));
    if (reply.status() != 201) {
      throw new AssertionError("enrolment failed: " + reply);
    }
    return id;
  }

  /** A paid-order body: one tea line per {@code quantity × unitPrice} pair. */
  static String order(String orderId, String memberId, String paidAt, int[][] lines) {
    StringBuilder json = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      json.append(i == 0 ? "" : ", ").append("""
          {"lineId": "L%d", "sku": "TEA-%d", "category": "tea", "quantity": %d, "unitPrice": %d}"""
          .formatted(i + 1, i + 1, lines[i][0], lines[i][1]));
    }
    return """
        {"id": "%s", "memberId": "%s", "paidAt": "%s", "channel": "online-store", "lines": [%s]}
        """.formatted(orderId, memberId, paidAt, json);
  }

  Reply statement(String memberId) {
    return get("/members/" + memberId + "/statement?asOf=2026-06-30T00:00:00Z");
  }

  long balance(String memberId) {
    Reply reply = statement(memberId);
    if (reply.status() != 200) {
      throw new AssertionError("statement failed: " + reply);
    }
    return reply.body().get("balance").longValue();
  }

  /** The keys of the member's ledger history, in order. */
  List<String> historyKeys(String memberId) {
    List<String> keys = new ArrayList<>();
    for (JsonNode entry : statement(memberId).body().get("history")) {
      keys.add(entry.get("key").textValue());
    }
    return keys;
  }

  /** The sum of the points of a decision's stored entries for one member. */
  static long pointsFor(Reply reply, String memberId) {
    long sum = 0;
    for (JsonNode entry : reply.body().get("entries")) {
      if (entry.get("memberId").textValue().equals(memberId)) {
        sum += entry.get("points").longValue();
      }
    }
    return sum;
  }
}
