package org.loyaltyrules.loyalty.rules;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every report an engine makes, in order; for the listener tests. */
final class RecordingListener implements EngineListener {
  final List<DecisionMade> made = new CopyOnWriteArrayList<>();
  final List<EvaluationFailed> failed = new CopyOnWriteArrayList<>();
  final List<ReloadAccepted> accepted = new CopyOnWriteArrayList<>();
  final List<ReloadRejected> rejected = new CopyOnWriteArrayList<>();

  @Override
  public void decisionMade(DecisionMade report) {
    made.add(report);
  }

  @Override
  public void evaluationFailed(EvaluationFailed report) {
    failed.add(report);
  }

  @Override
  public void reloadAccepted(ReloadAccepted report) {
    accepted.add(report);
  }

  @Override
  public void reloadRejected(ReloadRejected report) {
    rejected.add(report);
  }

  void clear() {
    made.clear();
    failed.clear();
    accepted.clear();
    rejected.clear();
  }

  /** @return how many reports of any kind were made */
  int total() {
    return made.size() + failed.size() + accepted.size() + rejected.size();
  }

  /** A listener that throws from every method, as a buggy metrics bridge might. */
  static final class Throwing implements EngineListener {
    int calls;

    @Override
    public void decisionMade(DecisionMade report) {
      calls++;
      throw new IllegalStateException("listener bug: decisionMade");
    }

    @Override
    public void evaluationFailed(EvaluationFailed report) {
      calls++;
      throw new StackOverflowError("listener bug: evaluationFailed");
    }

    @Override
    public void reloadAccepted(ReloadAccepted report) {
      calls++;
      throw new IllegalStateException("listener bug: reloadAccepted");
    }

    @Override
    public void reloadRejected(ReloadRejected report) {
      calls++;
      throw new IllegalStateException("listener bug: reloadRejected");
    }
  }
}
