package org.loyaltyrules.loyalty.examples.shop;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.Member;
import org.loyaltyrules.loyalty.Order;
import org.loyaltyrules.loyalty.TierChange;
import org.loyaltyrules.loyalty.json.LoyaltyJson;
import org.loyaltyrules.loyalty.json.LoyaltyJsonModule;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Repository;

/**
 * Plain JDBC access to the shop's tables. Every method runs in the caller's transaction; none
 * commits. Ledger rows are only ever inserted.
 */
@Repository
class ShopStore {
  /** PostgreSQL's SQL state for a lock wait that reached lock_timeout. */
  private static final String LOCK_NOT_AVAILABLE = "55P03";

  private final JdbcTemplate jdbc;
  /**
   * The SQL for a JSON payload parameter. PostgreSQL's payload columns are {@code jsonb} (migration
   * V2), and the driver sends a string as {@code varchar}, which PostgreSQL does not convert to
   * {@code jsonb} by itself; H2's are {@code VARCHAR} with an {@code IS JSON} check.
   */
  private final String json;

  ShopStore(JdbcTemplate jdbc) throws MetaDataAccessException {
    this.jdbc = jdbc;
    String product = JdbcUtils.extractDatabaseMetaData(jdbc.getDataSource(), DatabaseMetaData::getDatabaseProductName);
    this.json = "PostgreSQL".equals(product) ? "CAST(? AS jsonb)" : "?";
  }

  /** A stored ledger entry and its position in the member's ledger. */
  record StoredEntry(long seq, LedgerEntry entry) {}

  // ------------------------------------------------------------------ members

  Optional<Member> findMember(String id) {
    return jdbc.query("SELECT id, tier, enrolled_at, birthday, referrer_id FROM members WHERE id = ?",
        ShopStore::member, id).stream().findFirst();
  }

  /**
   * Reads the member row and locks it until the transaction ends: every request that writes to a
   * member's ledger holds this lock, so two requests for one member run one after the other and the
   * second sees the first one's entries.
   *
   * @throws CannotAcquireLockException if another transaction held the row longer than the lock
   *     timeout (answered 503 busy). Spring's default translation leaves both databases' lock
   *     timeouts outside its lock exceptions: H2's is a query timeout (SQLTimeoutException),
   *     PostgreSQL's an uncategorized SQL state 55P03 (lock_not_available); BusyMemberTest.
   */
  Optional<Member> lockMember(String id) {
    String sql = "SELECT id, tier, enrolled_at, birthday, referrer_id FROM members WHERE id = ? FOR UPDATE";
    try {
      return jdbc.query(sql, ShopStore::member, id).stream().findFirst();
    } catch (QueryTimeoutException e) {
      throw new CannotAcquireLockException("lock of member " + id + " timed out", e);
    } catch (UncategorizedSQLException e) {
      if (e.getSQLException() != null && LOCK_NOT_AVAILABLE.equals(e.getSQLException().getSQLState())) {
        throw new CannotAcquireLockException("lock of member " + id + " timed out", e);
      }
      throw e;
    }
  }

  void insertMember(Member member) {
    jdbc.update("INSERT INTO members (id, tier, enrolled_at, birthday, referrer_id) VALUES (?, ?, ?, ?, ?)",
        member.id(), member.tierCode(), timestamp(member.enrolledAt()),
        member.birthday().map(ShopApi::monthDay).orElse(null), member.referrerId().orElse(null));
  }

  void updateTier(String memberId, String tier) {
    jdbc.update("UPDATE members SET tier = ? WHERE id = ?", tier, memberId);
  }

  private static Member member(ResultSet rs, int row) throws SQLException {
    Member member = Member.of(rs.getString("id"), instant(rs, "enrolled_at"), rs.getString("tier"));
    String birthday = rs.getString("birthday");
    if (birthday != null) {
      member = member.withBirthday(ShopApi.parseMonthDay(birthday));
    }
    String referrer = rs.getString("referrer_id");
    return referrer == null ? member : member.withReferrer(referrer);
  }

  // ------------------------------------------------------------------ ledger

  /** The member's ledger rows, in append order. */
  List<StoredEntry> ledger(String memberId) {
    return ledgerAfter(memberId, 0);
  }

  /** The member's ledger rows after row {@code seq}, in append order: the tail after a checkpoint. */
  List<StoredEntry> ledgerAfter(String memberId, long seq) {
    return jdbc.query("SELECT seq, payload FROM ledger_entries WHERE member_id = ? AND seq > ? ORDER BY seq",
        (rs, row) -> new StoredEntry(rs.getLong("seq"), LoyaltyJson.readEntry(rs.getString("payload"))), memberId, seq);
  }

  /** Inserts rows, one statement batch for all of them; each entry's member is its own. */
  void insertEntries(List<StoredEntry> rows) {
    if (rows.isEmpty()) {
      return;
    }
    jdbc.batchUpdate("INSERT INTO ledger_entries (member_id, seq, idempotency_key, kind, points, occurred_at, "
            + "source_event_id, payload) VALUES (?, ?, ?, ?, ?, ?, ?, " + json + ")",
        rows.stream().map(row -> {
          LedgerEntry entry = row.entry();
          return new Object[] {entry.memberId(), row.seq(), entry.key(), entry.kind(), entry.points().value(),
              timestamp(entry.occurredAt()), entry.provenance().sourceEventId(), LoyaltyJson.write(entry)};
        }).toList());
  }

  // ------------------------------------------------------------------ checkpoints

  /**
   * A stored checkpoint's JSON and the ledger rows it covers (seq 1 to {@code coveredEntries}).
   *
   * @param coveredEntries the rows it covers
   * @param json the checkpoint's JSON
   */
  record StoredCheckpoint(long coveredEntries, String json) {}

  /** The member's latest checkpoint, if one was taken. */
  Optional<StoredCheckpoint> latestCheckpoint(String memberId) {
    return jdbc.query("SELECT covered_entries, payload FROM ledger_checkpoints WHERE member_id = ? "
            + "ORDER BY covered_entries DESC FETCH FIRST 1 ROW ONLY",
        (rs, row) -> new StoredCheckpoint(rs.getLong(1), rs.getString(2)), memberId).stream().findFirst();
  }

  void insertCheckpoint(String memberId, long coveredEntries, Instant asOf, String checkpointJson) {
    jdbc.update("INSERT INTO ledger_checkpoints (member_id, covered_entries, as_of, payload) VALUES (?, ?, ?, "
        + json + ")", memberId, coveredEntries, timestamp(asOf), checkpointJson);
  }

  // ------------------------------------------------------------------ orders and returns

  Optional<Order> findOrder(String id) {
    return jdbc.query("SELECT payload FROM orders WHERE id = ?", (rs, row) -> LoyaltyJson.read(rs.getString(1), Order.class), id)
        .stream().findFirst();
  }

  void insertOrder(Order order) {
    jdbc.update("INSERT INTO orders (id, member_id, paid_at, payload) VALUES (?, ?, ?, " + json + ")",
        order.id(), order.memberId(), timestamp(order.paidAt()), LoyaltyJson.write(order));
  }

  /**
   * An accepted return: what the client asked for ({@code requested}, empty for "everything not yet
   * returned") and the lines it resolved to when it was accepted. Stored as JSON by Jackson, its
   * lines in the library's canonical form ({@link LoyaltyJsonModule}).
   *
   * @param orderId the order
   * @param occurredAt when the refund was made
   * @param requested the lines as the client sent them; empty means "the rest"
   * @param resolved the lines returned
   */
  record StoredReturn(
      String orderId, Instant occurredAt, List<LoyaltyEvent.ReturnedLine> requested,
      List<LoyaltyEvent.ReturnedLine> resolved) {}

  /** The canonical form's strict mapper, with ISO-8601 instants for the shop's own {@link StoredReturn}. */
  private static final ObjectMapper RETURNS = LoyaltyJson.mapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  /** @return the return's JSON, as stored and as quoted in a conflict */
  static String json(StoredReturn stored) {
    try {
      return RETURNS.writeValueAsString(stored);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("return of order " + stored.orderId() + " cannot be written as JSON", e);
    }
  }

  private static StoredReturn storedReturn(String json) {
    try {
      return RETURNS.readValue(json, StoredReturn.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored return is not readable: " + e.getOriginalMessage(), e);
    }
  }

  Optional<StoredReturn> findReturn(String returnId) {
    return jdbc.query("SELECT payload FROM order_returns WHERE id = ?",
        (rs, row) -> storedReturn(rs.getString(1)), returnId).stream().findFirst();
  }

  List<StoredReturn> returnsOf(String orderId) {
    return jdbc.query("SELECT payload FROM order_returns WHERE order_id = ? ORDER BY occurred_at, id",
        (rs, row) -> storedReturn(rs.getString(1)), orderId);
  }

  void insertReturn(String returnId, String memberId, StoredReturn stored) {
    jdbc.update(
        "INSERT INTO order_returns (id, order_id, member_id, occurred_at, payload) VALUES (?, ?, ?, ?, " + json + ")",
        returnId, stored.orderId(), memberId, timestamp(stored.occurredAt()), json(stored));
  }

  // ------------------------------------------------------------------ tier changes

  void insertTierChange(String eventId, TierChange change) {
    Long last = jdbc.queryForObject("SELECT MAX(seq) FROM tier_changes WHERE member_id = ?", Long.class,
        change.memberId());
    jdbc.update("INSERT INTO tier_changes (member_id, seq, event_id, from_tier, to_tier, effective_at, rule_name, "
            + "reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        change.memberId(), last == null ? 1 : last + 1, eventId, change.from(), change.to(),
        timestamp(change.effectiveAt()), change.rule(), change.reason());
  }

  List<TierChange> tierChanges(String memberId) {
    return jdbc.query("SELECT member_id, from_tier, to_tier, effective_at, rule_name, reason FROM tier_changes "
            + "WHERE member_id = ? ORDER BY seq",
        (rs, row) -> new TierChange(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, "effective_at"),
            rs.getString(5), rs.getString(6)), memberId);
  }

  // ------------------------------------------------------------------ time columns

  private static OffsetDateTime timestamp(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }
}
