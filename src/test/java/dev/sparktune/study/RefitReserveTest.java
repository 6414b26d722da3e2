package dev.sparktune.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sparktune.space.Assignment;
import dev.sparktune.store.InMemoryTrialStore;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.Lineage;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RefitReserveTest {
  private static final Assignment A = new Assignment(Map.of("regParam", 0.1));

  @Test
  void oneFitOnAllRowsIsTheMeanFoldFitTimesKOverKMinusOne() {
    InMemoryTrialStore s = new InMemoryTrialStore();
    s.create(A, Budget.full(), Instant.EPOCH);
    // 4 folds fitted in 80 s: 20 s each on 3/4 of the rows, so about 26.67 s on all of them.
    Trial t = s.finish(0, new Outcome.Completed(0.9, List.of(0.9, 0.9, 0.9, 0.9), 80), Instant.EPOCH);
    assertEquals(Optional.of(Duration.ofNanos(26_666_666_667L)), RefitReserve.estimate(t, s.trials()::get));
  }

  @Test
  void racingOverFoldsAddsTheFitTimesOfTheWholeLineage() {
    InMemoryTrialStore s = new InMemoryTrialStore();
    // Rung 0 fitted fold 0 in 12 s; rung 1 fitted folds 1 and 2 in 24 s: 12 s a fold, 18 s on all rows.
    s.create(A, Budget.folds(1, 3), Lineage.root(0), Instant.EPOCH);
    Trial low = s.finish(0, new Outcome.Completed(0.8, List.of(0.8), 12), Instant.EPOCH);
    s.create(A, Budget.folds(3, 3), Lineage.promoted(low, 1), Instant.EPOCH);
    Trial top = s.finish(1, new Outcome.Completed(0.8, List.of(0.8, 0.8, 0.8), 24), Instant.EPOCH);
    assertEquals(Optional.of(Duration.ofSeconds(18)), RefitReserve.estimate(top, s.trials()::get));
  }

  @Test
  void aDataFractionBelowOneScalesUpAndAnObjectiveWithoutFoldsIsItsOwnFit() {
    InMemoryTrialStore s = new InMemoryTrialStore();
    s.create(A, Budget.dataFraction(0.5, 0.5), Lineage.root(0), Instant.EPOCH);
    Trial half = s.finish(0, new Outcome.Completed(0.8, List.of(0.8, 0.8), 10), Instant.EPOCH);
    // 5 s a fold on half of half the rows: 20 s on all of them.
    assertEquals(Optional.of(Duration.ofSeconds(20)), RefitReserve.estimate(half, s.trials()::get));
    s.create(A, Budget.full(), Instant.EPOCH);
    Trial plain = s.finish(1, new Outcome.Completed(0.8, List.of(), 7), Instant.EPOCH);
    assertEquals(Optional.of(Duration.ofSeconds(7)), RefitReserve.estimate(plain, s.trials()::get));
  }

  @Test
  void theReserveIsSafetyTimesTheEstimatePlusAMarginCappedAtThirtySeconds() {
    InMemoryTrialStore s = new InMemoryTrialStore();
    StudyStatus none = StudyStatus.of(s, Direction.MAXIMIZE, new dev.sparktune.scheduler.Fifo().ladder(), Duration.ZERO);
    assertEquals(Duration.ofSeconds(30), RefitReserve.forLimit(Duration.ofHours(2), true).of(none));
    assertEquals(Duration.ofSeconds(6), RefitReserve.forLimit(Duration.ofMinutes(1), true).of(none));

    s.create(A, Budget.full(), Instant.EPOCH);
    s.finish(0, new Outcome.Completed(0.9, List.of(0.9, 0.9, 0.9), 60), Instant.EPOCH);
    StudyStatus best = StudyStatus.of(s, Direction.MAXIMIZE, new dev.sparktune.scheduler.Fifo().ladder(), Duration.ZERO);
    assertEquals(Optional.of(Duration.ofSeconds(30)), best.refitEstimate());
    assertEquals(Duration.ofSeconds(75), RefitReserve.forLimit(Duration.ofHours(2), true).of(best));
    assertEquals(Duration.ofSeconds(30), RefitReserve.forLimit(Duration.ofHours(2), false).of(best), "no refit");
    assertEquals(Duration.ZERO, RefitReserve.NONE.of(best));
    assertThrows(IllegalArgumentException.class, () -> new RefitReserve(0.5, Duration.ZERO, true));
  }
}
