package org.loyaltyrules.loyalty.examples.shop;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts the {@code ledger_entries} rows the application reads, at the JDBC level: the test
 * application's {@link DataSource} is wrapped so that every row a {@code SELECT … FROM
 * ledger_entries} statement's result set moves to is counted. Whatever the store does, a row it
 * reads from that table is counted.
 */
final class LedgerRowCounter {
  private static final AtomicLong ROWS = new AtomicLong();

  private LedgerRowCounter() {}

  /** The rows read from {@code ledger_entries} since the JVM started. */
  static long rowsRead() {
    return ROWS.get();
  }

  /** Wraps the application's data source (imported by {@link ShopHttpTestSupport}). */
  @TestConfiguration(proxyBeanMethods = false)
  static class Wrapping {
    @Bean
    static BeanPostProcessor countLedgerRows() {
      return new BeanPostProcessor() {
        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
          return bean instanceof DataSource source ? proxy(DataSource.class, source) : bean;
        }
      };
    }
  }

  private static <T> T proxy(Class<T> type, T target) {
    InvocationHandler handler = (self, method, args) -> {
      Object result = invoke(method, target, args);
      if (result instanceof Connection connection && method.getName().equals("getConnection")) {
        return proxy(Connection.class, connection);
      }
      if (result instanceof PreparedStatement statement && method.getName().equals("prepareStatement")
          && ((String) args[0]).toLowerCase(Locale.ROOT).contains("from ledger_entries")) {
        return proxy(PreparedStatement.class, statement);
      }
      if (result instanceof ResultSet rows && method.getName().equals("executeQuery")) {
        return proxy(ResultSet.class, rows);
      }
      if (Boolean.TRUE.equals(result) && target instanceof ResultSet && method.getName().equals("next")) {
        ROWS.incrementAndGet();
      }
      return result;
    };
    return type.cast(Proxy.newProxyInstance(LedgerRowCounter.class.getClassLoader(), new Class<?>[] {type}, handler));
  }

  private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
