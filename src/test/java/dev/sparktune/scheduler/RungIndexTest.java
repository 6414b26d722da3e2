package dev.sparktune.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.space.Assignment;
import dev.sparktune.store.InMemoryTrialStore;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.History;
import dev.sparktune.trial.Lineage;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * ASHA decides from its {@link RungIndex}, kept current from the history's changes; these
 * randomized studies check that every decision equals the one the whole-history
 * {@link RungLedger} gives (ASHA as it was before the index), whichever way the index was fed.
 */
class RungIndexTest {
  private static final Ladder LADDER = new Ladder(dev.sparktune.trial.Budget.param("maxIter", 81, 81), 1, 3);

  @Test
  void everyDecisionEqualsTheLedgersOnRandomStudies() {
    int decisions = 0;
    int promotions = 0;
    for (long seed = 0; seed < 12; seed++) {
      for (int brackets = 1; brackets <= 3; brackets++) {
        for (Direction d : Direction.values()) {
          int[] counts = study(seed, brackets, d);
          decisions += counts[0];
          promotions += counts[1];
        }
      }
    }
    assertTrue(promotions > 1_000, "the studies promote often enough to test ranking: " + promotions + " of " + decisions);
  }

  /** Runs one random study; returns {decisions, promotions}. */
  private static int[] study(long seed, int brackets, Direction direction) {
    SplittableRandom rng = new SplittableRandom(seed);
    InMemoryTrialStore store = new InMemoryTrialStore();
    Asha incremental = new Asha(LADDER, brackets);
    List<Integer> running = new ArrayList<>();
    int decisions = 0;
    int promotions = 0;
    for (int step = 0; step < 400; step++) {
      boolean noNew = step > 360;
      History h = store.toward(direction);
      Action expected = reference(h, brackets, noNew);
      Action got = incremental.next(new Snapshot(store, direction, noNew));
      assertEquals(expected, got, String.format(Locale.ROOT, "seed %d, %d brackets, %s, step %d", seed, brackets, direction, step));
      // A fresh ASHA on a plain list of the same trials (no change feed) decides alike too.
      if (step % 50 == 0) assertEquals(expected, new Asha(LADDER, brackets).next(new Snapshot(History.of(store.trials()), direction, noNew)));
      decisions++;
      // Start what ASHA says while few run; otherwise (or when it waits) finish a running one.
      if (running.size() < 4 && (got instanceof Action.Start || got instanceof Action.Promote)) {
        Trial t = got instanceof Action.Start s
            ? store.create(Assignment.of(Map.of("x", rng.nextDouble())), s.budget(), Lineage.root(store.size(), s.bracket(), s.rung()), Instant.EPOCH)
            : store.create(((Action.Promote) got).from().assignment(), ((Action.Promote) got).budget(),
                Lineage.promoted(((Action.Promote) got).from(), ((Action.Promote) got).rung()), Instant.EPOCH);
        if (got instanceof Action.Promote) promotions++;
        running.add(t.number());
      } else if (!running.isEmpty()) {
        int n = running.remove(rng.nextInt(running.size()));
        store.finish(n, outcome(rng), Instant.EPOCH);
        // Now and then a cancelled trial runs again, so the index also sees a trial leave a state.
        if (store.trial(n).state() == TrialState.CANCELLED && rng.nextBoolean()) {
          store.restart(n, Instant.EPOCH);
          running.add(n);
        }
      } else {
        break;
      }
    }
    return new int[] {decisions, promotions};
  }

  private static Outcome outcome(SplittableRandom rng) {
    double u = rng.nextDouble();
    if (u < 0.05) return new Outcome.Failed("boom");
    if (u < 0.10) return new Outcome.Pruned(Map.of(0, 0.5), "worse");
    if (u < 0.13) return new Outcome.Cancelled("stopped");
    // Coarse values, so that ties (broken by trial number) happen.
    return Outcome.Completed.ofFolds(List.of(Math.round(rng.nextDouble() * 20) / 20.0), 1.0);
  }

  /** ASHA's decision as it was made before the index: from the whole-history ledger. */
  private static Action reference(History history, int brackets, boolean noNew) {
    RungLedger r = new RungLedger(history);
    int eta = LADDER.eta();
    for (int rung = LADDER.topRung() - 1; rung >= 0; rung--) {
      for (int b = 0; b < brackets && b <= rung; b++) {
        List<Trial> at = r.at(b, rung);
        int n = RungLedger.results(at);
        List<Trial> ranked = r.ranked(at);
        int k = Math.min(n / eta, ranked.size());
        for (int i = 0; i < k; i++) {
          Trial t = ranked.get(i);
          if (!r.promoted(t)) {
            return new Action.Promote(t, LADDER.at(rung + 1), rung + 1, String.format(Locale.ROOT,
                "asha: trial %d is %d of the top %d of %d at rung %d%s", t.number(), i + 1, n / eta, n, rung,
                brackets > 1 ? " of bracket " + b : ""));
          }
        }
      }
    }
    if (noNew) return r.drain(LADDER, "asha: nothing left to promote and no new configurations");
    int sMax = LADDER.topRung();
    int best = 0;
    long bestCount = 0;
    long bestWeight = 1;
    for (int b = 0; b < brackets; b++) {
      long count = r.at(b, b).stream().filter(t -> t.lineage().isRoot()).count();
      long weight = SynchronousHalving.size(sMax, sMax - b, LADDER.eta());
      if (b == 0 || count * bestWeight < bestCount * weight) {
        best = b;
        bestCount = count;
        bestWeight = weight;
      }
    }
    return new Action.Start(LADDER.at(best), best, best, "asha: nothing to promote; new configuration at rung " + best
        + (brackets > 1 ? " (bracket " + best + ")" : ""));
  }
}
