package org.loyaltyrules.loyalty.examples.shop;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.test.context.ActiveProfilesResolver;

/**
 * The database a test runs the application on: H2 in memory by default, or PostgreSQL (the
 * JVM's {@link EmbeddedPostgresServer}) when the system property {@code shop.test.database} is
 * {@code postgres}, as in the shop backend's second Surefire execution. Tests that need a database
 * are tagged {@value #TAG}, so that execution runs only those.
 *
 * <p>On PostgreSQL the application runs with the {@code postgres} profile, as a shop would, so its
 * settings ({@code application-postgres.properties}: the lock timeout) are the ones tested.
 *
 * @param url the JDBC URL
 * @param user the user name
 * @param password the password
 */
record TestDatabase(String url, String user, String password) {
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
      return new TestDatabase(EmbeddedPostgresServer.shared().database(name), "postgres", "");
    }
    return new TestDatabase("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", "sa", "");
  }

  /** The Spring profiles the application runs with: {@code postgres} on PostgreSQL. */
  static String[] profiles() {
    return postgres() ? new String[] {"postgres"} : new String[0];
  }

  /** {@link #profiles()} for {@code @ActiveProfiles}. */
  static final class Profiles implements ActiveProfilesResolver {
    @Override
    public String[] resolve(Class<?> testClass) {
      return profiles();
    }
  }

  /** The Spring properties that point the application at this database (besides {@link #profiles()}). */
  Map<String, String> springProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("spring.datasource.url", url);
    properties.put("spring.datasource.username", user);
    properties.put("spring.datasource.password", password);
    return properties;
  }
}
