package org.loyaltyrules.loyalty.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A confirmed write survives a crash. The application runs in its own JVM on an H2 file database
 * under {@code target/}, with the database URL of {@code application.properties} (only the data
 * directory is moved), or, in the PostgreSQL execution, on a fresh database of the embedded
 * PostgreSQL (which outlives the application's JVM, as a real server would). Four client threads,
 * one member each, send paid orders and returns; right after a chosen 201 arrives the process is
 * killed with SIGKILL ({@link Process#destroyForcibly()}; exit status 137 proves the signal). Three
 * rounds, each restarting on the same database. Then a last start checks every request answered 201:
 * it is stored exactly once, its retry answers 200 {@code "replayed": true} and stores nothing, and
 * every balance equals the sum of its entries.
 *
 * <p>With H2's default 500 ms write delay this test fails: commits answered just before the kill
 * are not in the file.
 */
@Tag(TestDatabase.TAG)
class ShopCrashTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private static final int ROUNDS = 3;
  private static final int THREADS = 4;
  /** The round's process is killed right after this many 201s (counted over all threads). */
  private static final int CONFIRMED_PER_ROUND = 40;

  /** A request the server answered 201: what was sent, and the keys of the entries it stored. */
  record Confirmed(String path, String body, String memberId, List<String> keys) {}

  private final Map<String, Confirmed> confirmed = new ConcurrentHashMap<>();
  private final Map<String, String[]> unknownOutcome = new ConcurrentHashMap<>();
  private final AtomicInteger sent = new AtomicInteger();
  private final List<Throwable> clientFailures = java.util.Collections.synchronizedList(new ArrayList<>());
  private Path dataDir;
  /** The PostgreSQL database of this run; absent on H2, which keeps its file under {@link #dataDir}. */
  private TestDatabase postgres;
  private Process app;
  private int port;

  @AfterEach
  void stop() throws InterruptedException {
    if (app != null && app.isAlive()) {
      app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void crash_killedRightAfter201_keepsEveryConfirmedRequestExactlyOnce() throws Exception {
    // given
    dataDir = Files.createDirectories(Path.of("target")).resolve("crash-" + UUID.randomUUID()).toAbsolutePath();
    if (TestDatabase.postgres()) {
      postgres = TestDatabase.named("crash_" + UUID.randomUUID().toString().substring(0, 8));
    }
    List<String> members = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      members.add("crash-m" + t + "-" + UUID.randomUUID().toString().substring(0, 8));
    }
    AtomicInteger[] nextOrder = new AtomicInteger[THREADS];
    for (int t = 0; t < THREADS; t++) {
      nextOrder[t] = new AtomicInteger();
    }
    List<Integer> exitCodes = new ArrayList<>();

    // when
    for (int round = 1; round <= ROUNDS; round++) {
      start();
      if (round == 1) {
        for (String member : members) {
          String body = "{\"id\": \"%s\", \"enrolledAt\": \"2026-01-01T00:00:00Z\"}".formatted(member);
          record("enrol-" + member, "/members", body, member, send("/members", body));
        }
      }
      AtomicInteger roundConfirmed = new AtomicInteger();
      CountDownLatch done = new CountDownLatch(THREADS);
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        Thread client = new Thread(() -> {
          try {
            clientLoop(members.get(thread), nextOrder[thread], roundConfirmed);
          } catch (RuntimeException | AssertionError e) {
            clientFailures.add(e);
            app.destroyForcibly(); // end the round; the failure is reported below
          } finally {
            done.countDown();
          }
        }, "crash-client-" + t);
        client.start();
      }
      assertThat(done.await(60, TimeUnit.SECONDS)).as("clients stop once the server is killed").isTrue();
      assertThat(app.waitFor(30, TimeUnit.SECONDS)).isTrue();
      exitCodes.add(app.exitValue());
    }
    start();

    // then
    assertThat(clientFailures).as("requests answered other than 201 before the kill").isEmpty();
    assertThat(exitCodes).as("each round ended with SIGKILL (128 + 9)").containsOnly(137).hasSize(ROUNDS);
    assertThat(confirmed.size()).as("confirmed requests").isGreaterThanOrEqualTo(ROUNDS * CONFIRMED_PER_ROUND);
    List<String> lost = new ArrayList<>();
    for (Map.Entry<String, Confirmed> entry : confirmed.entrySet()) {
      Confirmed c = entry.getValue();
      JsonNode retry = send(c.path(), c.body());
      if (retry.get("status").intValue() != 200) {
        lost.add(entry.getKey() + " -> " + retry.get("status").intValue());
        continue;
      }
      assertThat(retry.get("body").get("replayed").booleanValue()).as("%s", retry).isTrue();
      assertThat(retry.get("body").get("entries")).as("%s", retry).isEmpty();
    }
    assertThat(lost).as("confirmed requests whose retry was not a replay (lost in a crash), of %d", confirmed.size())
        .isEmpty();
    // Requests cut off by the kill may or may not have committed; a retry settles them either way.
    for (Map.Entry<String, String[]> entry : unknownOutcome.entrySet()) {
      JsonNode retry = send(entry.getValue()[0], entry.getValue()[1]);
      assertThat(retry.get("status").intValue()).as("retry of cut-off %s: %s", entry.getKey(), retry).isIn(200, 201);
    }
    for (String member : members) {
      JsonNode statement = get("/members/" + member + "/statement?asOf=2030-01-01T00:00:00Z");
      long sum = 0;
      for (JsonNode entry : statement.get("history")) {
        sum += entry.get("points").longValue();
      }
      assertThat(statement.get("balance").longValue()).as("balance of %s", member).isEqualTo(sum).isPositive();
    }
    app.destroy(); // SIGTERM: a clean shutdown closes the database so this test can open it
    assertThat(app.waitFor(60, TimeUnit.SECONDS)).isTrue();
    try (Connection db = postgres != null
        ? DriverManager.getConnection(postgres.url(), postgres.user(), postgres.password())
        : DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("shop") + ";ACCESS_MODE_DATA=r", "sa", "")) {
      for (Confirmed c : confirmed.values()) {
        for (String key : c.keys()) {
          assertThat(count(db, "SELECT COUNT(*) FROM ledger_entries WHERE member_id = ? AND idempotency_key = ?",
              c.memberId(), key)).as("entry %s of %s", key, c.memberId()).isEqualTo(1);
        }
        if (c.path().equals("/orders/paid")) {
          String orderId = JSON.readTree(c.body()).get("id").textValue();
          assertThat(count(db, "SELECT COUNT(*) FROM orders WHERE id = ?", orderId)).isEqualTo(1);
        }
      }
      for (String member : members) {
        assertThat(count(db, "SELECT COUNT(*) FROM members WHERE id = ?", member)).isEqualTo(1);
        long sum = count(db, "SELECT COALESCE(SUM(points), 0) FROM ledger_entries WHERE member_id = ?", member);
        long seqs = count(db, "SELECT COUNT(*) FROM ledger_entries WHERE member_id = ?", member);
        long maxSeq = count(db, "SELECT COALESCE(MAX(seq), 0) FROM ledger_entries WHERE member_id = ?", member);
        assertThat(maxSeq).as("ledger of %s has no gaps", member).isEqualTo(seqs);
        assertThat(sum).as("points of %s", member).isPositive();
      }
    }
    System.out.printf("ShopCrashTest (%s): %d requests sent, %d confirmed (201), %d cut off by %d SIGKILLs, all checked%n",
        TestDatabase.vendor(), sent.get(), confirmed.size(), unknownOutcome.size(), ROUNDS);
  }

  /** Orders, and a return of every third order, until the server stops answering. */
  private void clientLoop(String member, AtomicInteger next, AtomicInteger roundConfirmed) {
    while (true) {
      int n = next.getAndIncrement();
      Instant paidAt = Instant.parse("2026-02-01T00:00:00Z").plusSeconds(n * 600L);
      String orderId = member + "-o" + n;
      String order = """
          {"id": "%s", "memberId": "%s", "paidAt": "%s", "channel": "online-store",
           "lines": [{"lineId": "1", "sku": "TEA-01", "category": "tea", "quantity": 3, "unitPrice": 450}]}
          """.formatted(orderId, member, paidAt);
      if (!step("order " + orderId, "/orders/paid", order, member, roundConfirmed)) {
        return;
      }
      if (n % 3 == 2) {
        String path = "/orders/" + orderId + "/returns";
        String returned = """
            {"returnId": "%s-r", "occurredAt": "%s", "lines": [{"lineId": "1", "quantity": 1}]}
            """.formatted(orderId, paidAt.plusSeconds(60));
        if (!step("return " + orderId, path, returned, member, roundConfirmed)) {
          return;
        }
      }
    }
  }

  /** Sends one request; false once the server is gone. Kills the server after the round's last 201. */
  private boolean step(String what, String path, String body, String member, AtomicInteger roundConfirmed) {
    JsonNode reply;
    try {
      reply = send(path, body);
    } catch (IOException e) {
      unknownOutcome.put(what, new String[] {path, body});
      return false;
    }
    int status = reply.get("status").intValue();
    if (status != 201) {
      throw new AssertionError(what + " answered " + reply);
    }
    record(what, path, body, member, reply);
    if (roundConfirmed.incrementAndGet() == CONFIRMED_PER_ROUND) {
      app.destroyForcibly(); // SIGKILL on Linux, right after this 201
    }
    return true;
  }

  private void record(String what, String path, String body, String member, JsonNode reply) {
    assertThat(reply.get("status").intValue()).as("%s: %s", what, reply).isEqualTo(201);
    List<String> keys = new ArrayList<>();
    for (JsonNode entry : reply.get("body").get("entries")) {
      if (entry.get("memberId").textValue().equals(member)) {
        keys.add(entry.get("key").textValue());
      }
    }
    confirmed.put(what, new Confirmed(path, body, member, keys));
  }

  private JsonNode send(String path, String body) throws IOException {
    sent.incrementAndGet();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return JSON.createObjectNode().put("status", response.statusCode()).set("body", JSON.readTree(response.body()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /** Starts the application in its own JVM on a free port and waits until it answers. */
  private void start() throws IOException, InterruptedException {
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classpath, ShopBackendApplication.class.getName(),
        "--server.port=" + port, "--shop.data-dir=" + dataDir, "--rules.poll-interval=0s",
        "--logging.level.org.drools=WARN", "--logging.level.org.kie=WARN", "--spring.main.banner-mode=off"));
    if (postgres != null) {
      command.add("--spring.profiles.active=" + String.join(",", TestDatabase.profiles()));
      postgres.springProperties().forEach((key, value) -> command.add("--" + key + "=" + value));
    }
    File log = dataDir.resolveSibling(dataDir.getFileName() + ".log").toFile();
    app = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (!app.isAlive()) {
        throw new AssertionError("the application exited with " + app.exitValue() + "; see " + log);
      }
      try {
        HttpResponse<String> probe = HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/members/nobody/statement")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (probe.statusCode() == 404) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the application did not start within 90 s; see " + log);
  }

  private static long count(Connection db, String sql, String... args) throws SQLException {
    try (PreparedStatement statement = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        statement.setString(i + 1, args[i]);
      }
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
