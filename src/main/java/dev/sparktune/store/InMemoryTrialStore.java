package dev.sparktune.store;

import dev.sparktune.space.Assignment;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.ChangeFeed;
import dev.sparktune.trial.Lineage;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialCost;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A {@link TrialStore} held in memory; lost with the process. */
public final class InMemoryTrialStore implements TrialStore {
  private final List<Trial> trials = new ArrayList<>();
  private final Map<Integer, TrialCost> costs = new TreeMap<>();
  private final ChangeLog changes = new ChangeLog();

  @Override
  public synchronized Trial create(Assignment assignment, Budget budget, Lineage lineage, Instant started) {
    if (lineage.isRoot() && lineage.configId() != trials.size()) {
      throw new IllegalArgumentException("a root's configId must be its trial number " + trials.size()
          + ", got " + lineage.configId());
    }
    Trial t = Trial.running(trials.size(), assignment, budget, lineage, started);
    trials.add(t);
    changes.add(t.number());
    return t;
  }

  @Override
  public synchronized Trial restart(int number, Instant started) {
    Trial t = trials.get(number);
    if (!t.state().rerunOnResume()) throw new IllegalStateException("trial " + number + " already finished as " + t.state());
    Trial again = Trial.running(number, t.assignment(), t.budget(), t.lineage(), started);
    trials.set(number, again);
    changes.add(number);
    return again;
  }

  @Override
  public synchronized Trial finish(int number, Outcome outcome, Instant finished) {
    Trial t = trials.get(number);
    if (t.state().finished()) {
      throw new IllegalStateException("trial " + number + " already finished as " + t.state());
    }
    Trial done = t.finish(outcome, finished);
    trials.set(number, done);
    changes.add(number);
    return done;
  }

  @Override
  public synchronized List<Trial> trials() {
    return List.copyOf(trials);
  }

  @Override
  public synchronized int size() {
    return trials.size();
  }

  @Override
  public synchronized Trial trial(int number) {
    return trials.get(number);
  }

  @Override
  public Optional<ChangeFeed> changes() {
    return Optional.of(changes);
  }

  @Override
  public synchronized void recordCost(int number, TrialCost cost) {
    if (number < 0 || number >= trials.size()) throw new IllegalArgumentException("no trial " + number);
    costs.merge(number, cost, TrialCost::plus);
  }

  @Override
  public synchronized Map<Integer, TrialCost> costs() {
    return Map.copyOf(costs);
  }
}
