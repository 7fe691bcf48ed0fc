package org.loyaltyrules.loyalty;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The undo journal that makes a {@link PointLedger} append all or nothing: every change made while
 * an append is in progress records how to reverse itself, and a failed append runs them newest
 * first. Shared by the ledger and its {@link LotBook}. Not thread-safe, like the ledger.
 */
final class UndoLog {
  /** Undo actions of the append in progress, newest last; null outside an append. */
  private Deque<Runnable> actions;

  void begin() {
    actions = new ArrayDeque<>();
  }

  void commit() {
    actions = null;
  }

  /** Reverses every change since {@link #begin()}, newest first. */
  void rollback() {
    Deque<Runnable> pending = actions;
    actions = null;
    while (!pending.isEmpty()) {
      pending.removeLast().run();
    }
  }

  /** Records how to reverse a change just made. */
  void add(Runnable action) {
    actions.add(action);
  }
}
