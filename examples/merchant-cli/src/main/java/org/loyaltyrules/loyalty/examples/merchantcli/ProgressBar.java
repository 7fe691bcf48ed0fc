package org.loyaltyrules.loyalty.examples.merchantcli;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Locale;
import org.loyaltyrules.loyalty.examples.merchantcli.replay.InvoiceReplay;

/**
 * Shows replay progress on standard error. On a terminal it redraws one line (a bar, percent of the
 * file read, lines, lines per second) at most five times a second; otherwise (a log, CI) it prints a
 * plain line at most every ten seconds. Runs shorter than a second print nothing.
 */
final class ProgressBar implements InvoiceReplay.Progress {
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final boolean terminal;
  private final long interval;
  private final long started = System.nanoTime();
  private long last = started;
  private boolean drawn;
  private long lines;

  ProgressBar(PrintWriter err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
    this.interval = terminal ? 200_000_000L : 10_000_000_000L;
  }

  /** @return whether standard error is an interactive terminal */
  static boolean isTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      // JDK 22+ returns a console even when redirected; isTerminal() tells (absent on JDK 17).
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  @Override
  public void update(long bytesRead, long totalBytes, long lines) {
    this.lines = lines;
    long now = System.nanoTime();
    if (now - last < interval || now - started < 1_000_000_000L) {
      return;
    }
    last = now;
    draw(bytesRead, totalBytes, now);
  }

  private void draw(long bytesRead, long totalBytes, long now) {
    double seconds = (now - started) / 1e9;
    String rate = String.format(Locale.ROOT, "%,d lines  %,.0f lines/s", lines, lines / seconds);
    if (terminal) {
      StringBuilder s = new StringBuilder("\r");
      if (totalBytes > 0) {
        double f = Math.min(1.0, (double) bytesRead / totalBytes);
        int full = (int) (f * WIDTH);
        s.append('[').append("#".repeat(full)).append(".".repeat(WIDTH - full)).append("] ")
            .append(String.format(Locale.ROOT, "%3.0f%%  ", f * 100));
      }
      err.print(s.append(rate).append("   "));
    } else {
      err.println("progress: " + (totalBytes > 0
          ? String.format(Locale.ROOT, "%.0f%% of the file, ", Math.min(100.0, 100.0 * bytesRead / totalBytes)) : "")
          + rate);
    }
    err.flush();
    drawn = true;
  }

  @Override
  public void done() {
    if (drawn && terminal) {
      err.print("\r" + " ".repeat(WIDTH + 60) + "\r");
      err.flush();
    }
  }
}
