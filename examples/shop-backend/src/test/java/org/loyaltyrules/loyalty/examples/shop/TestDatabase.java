package org.loyaltyrules.loyalty.examples.shop;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The database a test runs the application on: H2 in memory by default, or PostgreSQL (the
 * JVM's {@link EmbeddedPostgresServer}) when the system property {@code shop.test.database} is
 * {@code postgres}, as in the shop backend's second Surefire execution. Tests that need a database
 * are tagged {@value #TAG}, so that execution runs only those.
 *
 * @param url the JDBC URL
 * @param user the user name
 * @param password the password
 * @param lockTimeoutSql the SQL each new connection runs so that a member row locked for longer than
 *     10 s answers 503 {@code busy} rather than waiting on; empty for H2, which takes
 *     {@code LOCK_TIMEOUT} in the URL
 */
record TestDatabase(String url, String user, String password, String lockTimeoutSql) {
  /** The JUnit tag of tests that run once per database. */
  static final String TAG = "database";

  /** True when this JVM's tests run on PostgreSQL. */
  static boolean postgres() {
    return "postgres".equals(System.getProperty("shop.test.database", "h2"));
  }

  /** The name of the database the tests run on, for messages. */
  static String vendor() {
    return postgres() ? "PostgreSQL" : "H2";
  }

  /** A database named {@code name} in memory (H2) or on the JVM's PostgreSQL server, created empty on first use. */
  static TestDatabase named(String name) {
    if (postgres()) {
      return new TestDatabase(EmbeddedPostgresServer.shared().database(name), "postgres", "",
          "SET lock_timeout = '10s'");
    }
    return new TestDatabase("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", "sa", "", "");
  }

  /** The Spring properties that point the application at this database. */
  Map<String, String> springProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("spring.datasource.url", url);
    properties.put("spring.datasource.username", user);
    properties.put("spring.datasource.password", password);
    if (!lockTimeoutSql.isEmpty()) {
      properties.put("spring.datasource.hikari.connection-init-sql", lockTimeoutSql);
    }
    return properties;
  }
}
