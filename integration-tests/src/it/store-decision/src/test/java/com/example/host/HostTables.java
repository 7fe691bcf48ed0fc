package com.example.host;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A host's two tables: decisions as JSON documents, and ledger rows with each entry as JSON. */
final class HostTables {
  private HostTables() {}

  static void create(Connection db) throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute("CREATE TABLE decision (event_id VARCHAR(200) PRIMARY KEY, body CLOB NOT NULL)");
      s.execute("CREATE TABLE ledger_entry (seq IDENTITY PRIMARY KEY, member_id VARCHAR(200) NOT NULL,"
          + " entry_key VARCHAR(1000) NOT NULL UNIQUE, body CLOB NOT NULL)");
    }
  }

  static void storeDecision(Connection db, String eventId, String json) throws SQLException {
    try (PreparedStatement s = db.prepareStatement("INSERT INTO decision (event_id, body) VALUES (?, ?)")) {
      s.setString(1, eventId);
      s.setString(2, json);
      s.executeUpdate();
    }
  }

  static void storeEntry(Connection db, String memberId, String key, String json) throws SQLException {
    try (PreparedStatement s = db.prepareStatement(
        "INSERT INTO ledger_entry (member_id, entry_key, body) VALUES (?, ?, ?)")) {
      s.setString(1, memberId);
      s.setString(2, key);
      s.setString(3, json);
      s.executeUpdate();
    }
  }

  static String decision(Connection db, String eventId) throws SQLException {
    try (PreparedStatement s = db.prepareStatement("SELECT body FROM decision WHERE event_id = ?")) {
      s.setString(1, eventId);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          throw new IllegalStateException("no decision stored for " + eventId);
        }
        return r.getString(1);
      }
    }
  }

  static List<String> entries(Connection db, String memberId) throws SQLException {
    try (PreparedStatement s = db.prepareStatement(
        "SELECT body FROM ledger_entry WHERE member_id = ? ORDER BY seq")) {
      s.setString(1, memberId);
      List<String> bodies = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          bodies.add(r.getString(1));
        }
      }
      return bodies;
    }
  }
}
