package org.loyaltyrules.loyalty.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The migrations as the application configures them ({@code application.properties}:
 * locations with {@code {vendor}}, baseline on migrate), run with Flyway's API on a fresh database
 * of the execution's vendor: H2, then PostgreSQL.
 */
@Tag(TestDatabase.TAG)
class FlywayMigrationTest {
  private final TestDatabase database = TestDatabase.named("migrate_" + UUID.randomUUID().toString().substring(0, 8));

  private Flyway flyway() throws IOException {
    Properties application = new Properties();
    try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
      application.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    }
    String vendor = TestDatabase.postgres() ? "postgresql" : "h2";
    String[] locations = application.getProperty("spring.flyway.locations").replace("{vendor}", vendor).split(",");
    return Flyway.configure().dataSource(database.url(), database.user(), database.password()).locations(locations)
        .baselineOnMigrate(Boolean.parseBoolean(application.getProperty("spring.flyway.baseline-on-migrate")))
        .baselineVersion(application.getProperty("spring.flyway.baseline-version")).load();
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(database.url(), database.user(), database.password());
  }

  @Test
  void migrate_emptyDatabase_appliesEveryVersionAndPayloadsAreJson() throws Exception {
    // when
    int applied = flyway().migrate().migrationsExecuted;

    // then
    assertThat(applied).isEqualTo(3);
    try (Connection db = connect()) {
      String type = columnType(db, "ledger_entries", "payload");
      assertThat(type).as("ledger_entries.payload on %s", TestDatabase.vendor())
          .isEqualTo(TestDatabase.postgres() ? "jsonb" : "CHARACTER VARYING");
      assertThat(columnType(db, "orders", "payload")).isEqualTo(type);
      assertThat(columnType(db, "order_returns", "payload")).isEqualTo(type);
      assertThat(columnType(db, "ledger_checkpoints", "payload"))
          .isEqualTo(TestDatabase.postgres() ? "jsonb" : "CHARACTER LARGE OBJECT");
    }
  }

  @Test
  void migrate_databaseMadeBySchemaSql_isTakenAsVersion1AndGetsTheLaterVersions() throws Exception {
    // given: the tables as the former schema.sql made them (V1's text), and no Flyway history
    String v1;
    try (InputStream in = getClass().getResourceAsStream("/db/migration/common/V1__shop_schema.sql")) {
      v1 = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (Connection db = connect(); Statement sql = db.createStatement()) {
      for (String statement : v1.replaceAll("(?m)--.*$", "").split(";")) {
        if (!statement.isBlank()) {
          sql.execute(statement);
        }
      }
      sql.execute("INSERT INTO members (id, tier, enrolled_at) VALUES ('old', 'member', TIMESTAMP WITH TIME ZONE "
          + "'2026-01-01 00:00:00+00')");
    }

    // when
    Flyway flyway = flyway();
    flyway.migrate();

    // then
    List<String> history = new ArrayList<>();
    for (MigrationInfo info : flyway.info().applied()) {
      history.add(info.getVersion() + " " + info.getType());
    }
    assertThat(history).containsExactly("1 BASELINE", "2 SQL", "3 SQL");
    try (Connection db = connect(); Statement sql = db.createStatement();
        ResultSet rs = sql.executeQuery("SELECT COUNT(*) FROM members WHERE id = 'old'")) {
      rs.next();
      assertThat(rs.getInt(1)).as("the existing row is kept").isEqualTo(1);
    }
  }

  @Test
  void insert_payloadThatIsNotAJsonObject_isRefusedByTheDatabase() throws Exception {
    // given
    flyway().migrate();
    try (Connection db = connect()) {
      try (Statement sql = db.createStatement()) {
        sql.execute("INSERT INTO members (id, tier, enrolled_at) VALUES ('m', 'member', TIMESTAMP WITH TIME ZONE "
            + "'2026-01-01 00:00:00+00')");
      }
      String insert = "INSERT INTO ledger_entries (member_id, seq, idempotency_key, kind, points, occurred_at, "
          + "source_event_id, payload) VALUES ('m', ?, ?, 'earned', 1, ?, 'e', "
          + (TestDatabase.postgres() ? "CAST(? AS jsonb)" : "?") + ")";

      // when / then: a JSON object goes in, anything else is refused
      assertThat(insertEntry(db, insert, 1, "{\"kind\": \"earned\"}")).isEqualTo(1);
      for (String notAnObject : new String[] {"not json", "{\"kind\": ", "[1, 2]"}) {
        assertThatThrownBy(() -> insertEntry(db, insert, 2, notAnObject)).as("payload %s", notAnObject)
            .isInstanceOf(SQLException.class);
      }
    }
  }

  private static int insertEntry(Connection db, String insert, int seq, String payload) throws SQLException {
    try (PreparedStatement statement = db.prepareStatement(insert)) {
      statement.setInt(1, seq);
      statement.setString(2, "key-" + seq);
      statement.setObject(3, OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
      statement.setString(4, payload);
      return statement.executeUpdate();
    }
  }

  private static String columnType(Connection db, String table, String column) throws SQLException {
    try (PreparedStatement statement = db.prepareStatement(
        // Both spellings from Java with Locale.ROOT: H2's LOWER follows the JVM's default locale, and
        // under tr-TR it turns LEDGER_ENTRIES into "ledger_entrıes" (dotless i), matching nothing.
        "SELECT data_type FROM information_schema.columns WHERE table_name IN (?, ?) AND column_name IN (?, ?)")) {
      statement.setString(1, table.toLowerCase(Locale.ROOT));
      statement.setString(2, table.toUpperCase(Locale.ROOT));
      statement.setString(3, column.toLowerCase(Locale.ROOT));
      statement.setString(4, column.toUpperCase(Locale.ROOT));
      try (ResultSet rs = statement.executeQuery()) {
        assertThat(rs.next()).as("column %s.%s exists", table, column).isTrue();
        return rs.getString(1);
      }
    }
  }
}
