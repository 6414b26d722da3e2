package dev.sparktune.scheduler;

import dev.sparktune.space.Assignment;
import dev.sparktune.store.InMemoryTrialStore;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.Lineage;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import java.time.Instant;
import java.util.Map;

/** Hand-built histories for scheduler tests: configurations are {x = their config id}. */
final class Ledger {
  final InMemoryTrialStore store = new InMemoryTrialStore();
  private final Ladder ladder;

  Ledger(Ladder ladder) {
    this.ladder = ladder;
  }

  /** A new configuration at {@code rung} of {@code bracket}, finished with {@code value} (NaN = still running). */
  Trial root(int bracket, int rung, double value) {
    int n = store.trials().size();
    Trial t = store.create(Assignment.of(Map.of("x", (double) n)), ladder.at(rung), Lineage.root(n, bracket, rung),
        Instant.EPOCH);
    return finish(t, value);
  }

  Trial root(double value) {
    return root(0, 0, value);
  }

  /** Trial {@code parent}'s configuration one rung up. */
  Trial promote(int parent, double value) {
    Trial p = store.trials().get(parent);
    Trial t = store.create(p.assignment(), ladder.at(p.rung() + 1), Lineage.promoted(p, p.rung() + 1), Instant.EPOCH);
    return finish(t, value);
  }

  private Trial finish(Trial t, double value) {
    return Double.isNaN(value) ? t : store.finish(t.number(), Outcome.completed(value), Instant.EPOCH);
  }

  Action next(Scheduler s, boolean noNew) {
    return s.next(new Snapshot(store, Direction.MAXIMIZE, noNew));
  }

  Action next(Scheduler s) {
    return next(s, false);
  }
}
