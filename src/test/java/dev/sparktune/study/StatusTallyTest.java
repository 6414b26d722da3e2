package dev.sparktune.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.scheduler.Ladder;
import dev.sparktune.space.Assignment;
import dev.sparktune.store.InMemoryTrialStore;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.History;
import dev.sparktune.trial.Lineage;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The study's progress, kept current from the history's changes, equals the one counted from every trial. */
class StatusTallyTest {
  private static final Ladder LADDER = new Ladder(Budget.param("maxIter", 27, 27), 3, 3);

  @Test
  void equalsTheStatusCountedFromEveryTrialAfterEveryChange() {
    int improvements = 0;
    for (long seed = 0; seed < 20; seed++) {
      for (Direction d : Direction.values()) improvements += study(seed, d);
    }
    assertTrue(improvements > 50, "the best changed often enough to test it: " + improvements);
  }

  @Test
  void aCompletedTrialThatChangesIsCountedAgain() {
    // Only a history that is not a store's (a list) can change a completed trial; the progress then recounts.
    Trial a = Trial.running(0, Assignment.of(Map.of("x", 0.0)), LADDER.at(2), Lineage.root(0), Instant.EPOCH);
    Trial good = a.finish(Outcome.completed(0.9), Instant.EPOCH.plusSeconds(1));
    Trial bad = a.finish(Outcome.completed(0.1), Instant.EPOCH.plusSeconds(1));
    Trial b = Trial.running(1, Assignment.of(Map.of("x", 1.0)), LADDER.at(2), Lineage.root(1), Instant.EPOCH)
        .finish(Outcome.completed(0.5), Instant.EPOCH.plusSeconds(2));
    StatusTally p = new StatusTally(Direction.MAXIMIZE, LADDER);
    assertEquals(0, p.status(History.of(List.of(good, b)), Duration.ZERO).best().orElseThrow().number());
    StudyStatus s = p.status(History.of(List.of(bad, b)), Duration.ZERO);
    assertEquals(1, s.best().orElseThrow().number());
    assertEquals(StudyStatus.of(History.of(List.of(bad, b)), Direction.MAXIMIZE, LADDER, Duration.ZERO), s);
  }

  /** One random study through a store; returns how often the best improved. */
  private static int study(long seed, Direction direction) {
    SplittableRandom rng = new SplittableRandom(seed);
    InMemoryTrialStore store = new InMemoryTrialStore();
    StatusTally progress = new StatusTally(direction, LADDER);
    List<Integer> running = new ArrayList<>();
    Instant clock = Instant.EPOCH;
    int improvements = 0;
    Trial best = null;
    for (int step = 0; step < 300; step++) {
      clock = clock.plusSeconds(1);
      if (running.size() < 5 && rng.nextDouble() < 0.6) {
        int rung = rng.nextInt(3);
        List<Trial> done = store.trials().stream().filter(t -> t.state() == TrialState.COMPLETE && t.rung() < 2).toList();
        Trial t = rung > 0 && !done.isEmpty()
            ? promote(store, done.get(rng.nextInt(done.size())), clock)
            : store.create(Assignment.of(Map.of("x", rng.nextDouble())), LADDER.at(rung),
                Lineage.root(store.size(), 0, rung), clock);
        running.add(t.number());
      } else if (!running.isEmpty()) {
        int n = running.remove(rng.nextInt(running.size()));
        store.finish(n, outcome(rng), clock);
        if (store.trial(n).state() == TrialState.CANCELLED && rng.nextBoolean()) {
          store.restart(n, clock);
          running.add(n);
        }
      }
      StudyStatus expected = StudyStatus.of(store.toward(direction), direction, LADDER, Duration.ofSeconds(step));
      // Read now and then, as the loop does: several changes may come between two reads.
      if (rng.nextInt(3) == 0 || step == 299) {
        assertEquals(expected, progress.status(store.toward(direction), Duration.ofSeconds(step)), "seed " + seed + ", step " + step);
      }
      if (expected.best().isPresent() && !expected.best().get().equals(best)) {
        improvements++;
        best = expected.best().get();
      }
    }
    return improvements;
  }

  private static Trial promote(InMemoryTrialStore store, Trial from, Instant at) {
    return store.create(from.assignment(), LADDER.at(from.rung() + 1), Lineage.promoted(from, from.rung() + 1), at);
  }

  private static Outcome outcome(SplittableRandom rng) {
    double u = rng.nextDouble();
    if (u < 0.05) return new Outcome.Failed("boom");
    if (u < 0.10) return new Outcome.Pruned(Map.of(0, 0.5), "worse");
    if (u < 0.13) return new Outcome.Cancelled("stopped");
    if (u < 0.16) return new Outcome.TimedOut(Duration.ofSeconds(1));
    // Coarse values, so that ties happen.
    return Outcome.Completed.ofFolds(List.of(Math.round(rng.nextDouble() * 20) / 20.0), 1.0);
  }
}
