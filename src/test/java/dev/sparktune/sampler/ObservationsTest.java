package dev.sparktune.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.pareto.Constraint;
import dev.sparktune.pareto.Goal;
import dev.sparktune.pareto.Goals;

import dev.sparktune.space.Assignment;
import dev.sparktune.space.FloatParam;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.store.InMemoryTrialStore;
import dev.sparktune.testing.Spaces;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObservationsTest {
  private static final SearchSpace LINE = SearchSpace.of(FloatParam.of("x", 0, 1));

  private static void add(InMemoryTrialStore store, double x, Budget b, double value) {
    Trial t = store.create(new Assignment(Map.of("x", x)), b, Instant.EPOCH);
    store.finish(t.number(), Outcome.completed(value), Instant.EPOCH);
  }

  @Test
  void learnsFromTheLargestBudgetWithEnoughResults() {
    InMemoryTrialStore store = new InMemoryTrialStore();
    Budget ninth = Budget.dataFraction(1.0 / 9, 1.0);
    Budget third = Budget.dataFraction(1.0 / 3, 1.0);
    for (int i = 0; i < 12; i++) add(store, i / 12.0, ninth, i);
    for (int i = 0; i < 5; i++) add(store, i / 5.0, third, 10 * i);
    for (int i = 0; i < 2; i++) add(store, 0.5, Budget.full(), 100);
    store.create(new Assignment(Map.of("x", 0.25)), Budget.full(), Instant.EPOCH);

    Observations five = Observations.of(LINE, store, 5);
    assertEquals(1.0 / 3, five.budget());
    assertArrayEquals(new double[] {0, 10, 20, 30, 40}, five.loss());
    assertEquals(1, five.pending().length);
    assertEquals(0.25, five.pending()[0][0]);
    assertEquals(Double.POSITIVE_INFINITY, Observations.of(LINE, store, 2).budget());
    // No budget has 20 results: the one with the most is the best there is.
    assertEquals(1.0 / 9, Observations.of(LINE, store, 20).budget());
  }

  @Test
  void aRowCacheChangesNothingAndFollowsTrialsThatFinish() {
    InMemoryTrialStore store = new InMemoryTrialStore();
    Observations.RowCache rows = new Observations.RowCache();
    add(store, 0.1, Budget.full(), 3);
    Trial running = store.create(new Assignment(Map.of("x", 0.4)), Budget.full(), Instant.EPOCH);
    Observations first = Observations.of(LINE, store, 1, rows);
    assertEquals(1, first.pending().length);
    assertEquals(1, first.size());
    store.finish(running.number(), Outcome.completed(1), Instant.EPOCH);
    add(store, 0.7, Budget.full(), 2);
    Observations cached = Observations.of(LINE, store, 1, rows);
    Observations fresh = Observations.of(LINE, store, 1);
    assertEquals(0, cached.pending().length);
    assertArrayEquals(fresh.loss(), cached.loss());
    for (int i = 0; i < fresh.size(); i++) assertArrayEquals(fresh.x()[i], cached.x()[i]);
    // Another space object: the cache starts over rather than reuse rows encoded for the old one.
    SearchSpace wide = SearchSpace.of(FloatParam.of("x", 0, 2));
    assertArrayEquals(Observations.of(wide, store, 1).x()[2],
        Observations.of(wide, store, 1, rows).x()[2]);
  }

  @Test
  void earlierTrialsNumberedBelowZeroGoThroughTheCacheUnchanged() {
    // As a warm start numbers them: the earlier study's trial under a number below 0.
    Trial done = Trial.running(0, new Assignment(Map.of("x", 0.9)), Budget.full(), Instant.EPOCH)
        .finish(Outcome.completed(5), Instant.EPOCH);
    Trial earlier = new Trial(-1, done.assignment(), done.budget(), done.lineage(), done.state(), done.outcome(),
        done.started(), done.finished());
    InMemoryTrialStore store = new InMemoryTrialStore();
    add(store, 0.1, Budget.full(), 3);
    dev.sparktune.trial.History both = dev.sparktune.trial.History.of(java.util.List.of(earlier, store.trials().get(0)));
    Observations.RowCache rows = new Observations.RowCache();
    Observations.of(LINE, both, 1, rows);
    Observations cached = Observations.of(LINE, both, 1, rows);
    Observations fresh = Observations.of(LINE, both, 1);
    assertArrayEquals(fresh.loss(), cached.loss());
    for (int i = 0; i < fresh.size(); i++) assertArrayEquals(fresh.x()[i], cached.x()[i]);
    assertEquals(0.9, cached.x()[0][0], 1e-12);
    assertEquals(0.1, cached.x()[1][0], 1e-12);
  }

  @Test
  void lossIsSmallerIsBetterWhateverTheDirection() {
    InMemoryTrialStore store = new InMemoryTrialStore();
    add(store, 0.1, Budget.full(), 0.9);
    add(store, 0.2, Budget.full(), 0.7);
    Observations max = Observations.of(LINE, store.toward(Direction.MAXIMIZE), 1);
    assertArrayEquals(new double[] {-0.9, -0.7}, max.loss());
    assertEquals(0, max.best());
    assertEquals(1, Observations.of(LINE, store, 1).best());
  }

  @Test
  void withConstraintsEachRowHasItsViolationAndSlackAndTheBestIsFeasible() {
    Goals goals = new Goals("auc", List.of(new Goal("auc", Direction.MAXIMIZE)),
        List.of(new Constraint("fit-seconds", Constraint.Op.LT, 60)));
    InMemoryTrialStore store = new InMemoryTrialStore();
    double[][] rows = {{0.1, 0.95, 90}, {0.2, 0.80, 30}, {0.3, 0.85, 45}, {0.4, 0.99, 75}};
    for (double[] r : rows) {
      Trial t = store.create(new Assignment(Map.of("x", r[0])), Budget.full(), Instant.EPOCH);
      store.finish(t.number(), new Outcome.Completed(r[1], List.of(), 0, Map.of("fit-seconds", r[2])), Instant.EPOCH);
    }
    Trial old = store.create(new Assignment(Map.of("x", 0.5)), Budget.full(), Instant.EPOCH);
    store.finish(old.number(), Outcome.completed(1.0), Instant.EPOCH);   // fit-seconds never measured

    Observations obs = Observations.of(LINE, store.toward(Direction.MAXIMIZE), 1, null, goals);
    assertTrue(obs.constrained());
    assertArrayEquals(new double[] {0.5, -0.5, -0.25, 0.25}, Arrays.stream(obs.slack()).limit(4).mapToDouble(r -> r[0]).toArray(),
        1e-12);
    assertTrue(Double.isNaN(obs.slack()[4][0]));
    assertEquals(0.5, obs.violation()[0], 1e-9);
    assertEquals(0.0, obs.violation()[1]);
    assertEquals(Double.MAX_VALUE, obs.violation()[4], "unmeasured: the largest violation");
    assertEquals(2, obs.best(), "the best feasible, not the best score (0.99 and 1.0 broke the limit)");
    assertTrue(obs.compare(3, 0) < 0, "of two infeasible rows, the smaller violation is better");
    assertTrue(obs.compare(1, 3) < 0, "any feasible row beats an infeasible one");

    Observations blind = Observations.of(LINE, store.toward(Direction.MAXIMIZE), 1);
    assertFalse(blind.constrained());
    assertEquals(4, blind.best(), "without the goals, the best score");
  }

  @Test
  void skipsFailedTrials() {
    InMemoryTrialStore store = new InMemoryTrialStore();
    add(store, 0.1, Budget.full(), 1);
    Trial t = store.create(new Assignment(Map.of("x", 0.3)), Budget.full(), Instant.EPOCH);
    store.finish(t.number(), new Outcome.Failed("boom"), Instant.EPOCH);
    assertEquals(1, Observations.of(LINE, store, 1).size());
  }

  @Test
  void categoriesAndCellsPerCoordinate() {
    SearchSpace s = Spaces.everyKind();
    // elasticNetParam, regParam(log), stepSize(0.1..0.5 step 0.1), maxDepth 2..10, numTrees log,
    // maxBins 16..64 step 16, impurity(2), penalty(4), mix
    assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 2, 4, 0}, Observations.categories(s));
    long[] cells = Observations.cells(s);
    assertEquals(0, cells[0]);
    assertEquals(5, cells[2]);
    assertEquals(9, cells[3]);
    assertEquals(4, cells[5]);
    assertEquals(2, cells[6]);
  }
}
