package org.loyaltyrules.loyalty.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.loyaltyrules.loyalty.Decision;
import org.loyaltyrules.loyalty.ExtremeValues;
import org.loyaltyrules.loyalty.ExtremeValues.Callable;
import org.loyaltyrules.loyalty.LedgerEntry;
import org.loyaltyrules.loyalty.LoyaltyEvent;
import org.loyaltyrules.loyalty.LoyaltyException;
import org.loyaltyrules.loyalty.Money;
import org.loyaltyrules.loyalty.Points;

/**
 * The JSON package's share of the public-API sweep ({@code PublicApiExtremeValuesProperties} covers
 * {@code org.loyaltyrules.loyalty} only): every public constructor and method of {@code
 * org.loyaltyrules.loyalty.json}, with each parameter taking each of {@link ExtremeValues}' extreme
 * values plus every golden document and sample, throws only {@link LoyaltyException}s.
 */
class LoyaltyJsonExtremeValuesProperties {
  private static final String PACKAGE = "org.loyaltyrules.loyalty.json";

  @Example
  void everyPublicCallableWithEachExtremeArgumentThrowsOnlyLoyaltyExceptions() {
    // given
    List<Callable> callables = callables();
    List<String> violations = new ArrayList<>();

    // when: each parameter in turn takes every value of its pool, the others their first non-null value
    for (Callable callable : callables) {
      List<List<Object>> pools = pools(callable.executable());
      Object[] baseline = new Object[pools.size()];
      for (int i = 0; i < pools.size(); i++) {
        baseline[i] = pools.get(i).stream().filter(v -> v != null).findFirst().orElse(null);
      }
      for (Object receiver : receivers(callable)) {
        for (int i = 0; i < pools.size(); i++) {
          for (Object value : pools.get(i)) {
            Object[] args = baseline.clone();
            args[i] = value;
            call(callable, receiver, args, violations);
          }
        }
      }
    }

    // then
    assertThat(callables).extracting(Callable::id).contains("json.LoyaltyJson#read(String,Class)",
        "json.LoyaltyJson#write(Object)", "json.LoyaltyJson#mapper()", "json.LoyaltyJsonModule#setupModule(SetupContext)");
    assertThat(violations).as(ExtremeValues.report(violations, 40)).isEmpty();
  }

  @Property(tries = 2_000)
  void randomCombinationsOfExtremeArgumentsThrowOnlyLoyaltyExceptions(@ForAll long seed) {
    // given
    Random random = new Random(seed);
    List<Callable> callables = callables();
    Callable callable = callables.get(random.nextInt(callables.size()));
    List<List<Object>> pools = pools(callable.executable());
    Object[] args = new Object[pools.size()];
    for (int i = 0; i < args.length; i++) {
      args[i] = pools.get(i).get(random.nextInt(pools.get(i).size()));
    }
    List<Object> receivers = receivers(callable);
    List<String> violations = new ArrayList<>();

    // when
    call(callable, receivers.get(random.nextInt(receivers.size())), args, violations);

    // then
    assertThat(violations).as(ExtremeValues.report(violations, 40)).isEmpty();
  }

  private static List<Callable> callables() {
    List<Callable> result = new ArrayList<>();
    for (Class<?> type : ExtremeValues.publicTypes(PACKAGE, LoyaltyJson.class)) {
      if (!Modifier.isAbstract(type.getModifiers())) {
        for (Constructor<?> c : type.getConstructors()) {
          result.add(new Callable(c));
        }
      }
      for (Method m : type.getDeclaredMethods()) {
        if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic() && !ExtremeValues.isObjectMethod(m)) {
          result.add(new Callable(m));
        }
      }
    }
    return result;
  }

  private static List<Object> receivers(Callable callable) {
    if (!callable.isInstanceMethod()) {
      return java.util.Collections.singletonList(null);
    }
    Class<?> type = callable.executable().getDeclaringClass();
    if (type == LoyaltyJsonModule.class) {
      return List.of(new LoyaltyJsonModule());
    }
    return List.of(new LoyaltyJsonException("$.points", "1.5", "an integer"),
        new LoyaltyJsonException("$", "x".repeat(1 << 20), "y", new IllegalStateException()));
  }

  private static List<List<Object>> pools(Executable e) {
    List<List<Object>> pools = new ArrayList<>();
    for (int i = 0; i < e.getParameterCount(); i++) {
      Class<?> raw = e.getParameterTypes()[i];
      List<Object> pool = new ArrayList<>(ExtremeValues.pool(raw, e.getGenericParameterTypes()[i],
          LoyaltyJsonExtremeValuesProperties::samples));
      if (raw == String.class) {
        pool.addAll(goldenTexts());
        pool.addAll(List.of("[".repeat(100_000), "{\"format\":1," + "\"a\":1,".repeat(100_000) + "}", "\"" + ExtremeValues.MEGABYTE + "\""));
      } else if (raw == Object.class) {
        pool.addAll(JsonSamples.all().values());
      }
      pools.add(pool);
    }
    return pools;
  }

  private static List<Object> samples(Class<?> type) {
    if (type == Class.class) {
      return List.of(Decision.class, LedgerEntry.class, LedgerEntry.Earned.class, LoyaltyEvent.class, Money.class,
          Points.class, Object.class, String.class, Module.class, long.class);
    }
    if (type == Module.SetupContext.class) {
      return List.of(setupContext());
    }
    return ExtremeValues.coreSamples(type);
  }

  /** A real setup context, as Jackson hands it to a module. */
  private static Module.SetupContext setupContext() {
    Module.SetupContext[] captured = new Module.SetupContext[1];
    new ObjectMapper().registerModule(new Module() {
      @Override
      public String getModuleName() {
        return "capture";
      }

      @Override
      public com.fasterxml.jackson.core.Version version() {
        return com.fasterxml.jackson.core.Version.unknownVersion();
      }

      @Override
      public void setupModule(SetupContext context) {
        captured[0] = context;
      }
    });
    return captured[0];
  }

  private static List<String> goldenTexts() {
    List<String> texts = new ArrayList<>();
    for (String name : JsonSamples.all().keySet()) {
      try {
        texts.add(Files.readString(LoyaltyJsonGoldenTest.GOLDEN.resolve(name + ".json"), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return texts;
  }

  private static void call(Callable callable, Object receiver, Object[] args, List<String> violations) {
    try {
      callable.invoke(receiver, args);
    } catch (Throwable t) {
      if (!(t instanceof LoyaltyException)) {
        violations.add(ExtremeValues.violation(t, callable.id() + " with " + ExtremeValues.describeAll(args)));
      }
    }
  }
}
