package dev.sparktune.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.space.Assignment;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.Lineage;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TrialStore} must do, run against each implementation (in memory, and the
 * journal): the study loop, samplers and schedulers read nothing else.
 */
abstract class TrialStoreContract {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  protected abstract TrialStore fresh();

  static Assignment a(double x) {
    return Assignment.of(Map.of("x", x));
  }

  @Test
  void trialsAreNumberedInOrderAndStartRunning() {
    TrialStore s = fresh();
    Trial first = s.create(a(0.1), Budget.full(), T0);
    Trial second = s.create(a(0.2), Budget.full(), T0.plusSeconds(1));
    assertEquals(0, first.number());
    assertEquals(1, second.number());
    assertEquals(List.of(first, second), s.trials());
    assertTrue(s.trials().stream().allMatch(t -> t.state() == TrialState.RUNNING));
    assertEquals(2, s.configurations());
  }

  @Test
  void finishRecordsTheOutcomeAndReturnsTheFinishedTrial() {
    TrialStore s = fresh();
    s.create(a(0.1), Budget.full(), T0);
    s.create(a(0.2), Budget.full(), T0);
    Trial done = s.finish(1, new Outcome.Completed(0.75, List.of(0.7, 0.8), 2.0), T0.plusSeconds(3));
    Trial failed = s.finish(0, new Outcome.Failed("boom"), T0.plusSeconds(4));
    assertEquals(TrialState.COMPLETE, done.state());
    assertEquals(0.75, done.value().getAsDouble());
    assertEquals(TrialState.FAILED, failed.state());
    assertTrue(failed.value().isEmpty());
    assertEquals(List.of(failed, done), s.trials());
    assertEquals(List.of(done), s.completed());
  }

  @Test
  void theBestIsAFullBudgetResultInTheStudysDirection() {
    TrialStore s = fresh();
    Trial low = s.create(a(0.1), Budget.dataFraction(0.25, 1.0), Lineage.root(0, 0, 0), T0);
    s.finish(low.number(), new Outcome.Completed(0.99, List.of(0.99), 1.0), T0);
    s.create(a(0.2), Budget.full(), T0);
    s.finish(1, new Outcome.Completed(0.6, List.of(0.6), 1.0), T0);
    s.create(a(0.3), Budget.full(), T0);
    s.finish(2, new Outcome.Completed(0.8, List.of(0.8), 1.0), T0);
    assertEquals(2, s.best(Direction.MAXIMIZE).orElseThrow().number());
    assertEquals(1, s.best(Direction.MINIMIZE).orElseThrow().number());
  }

  @Test
  void aRestartedTrialKeepsItsNumberParamsAndBudget() {
    TrialStore s = fresh();
    Trial t = s.create(a(0.4), Budget.param("maxIter", 10, 40), Lineage.root(0, 0, 0), T0);
    s.finish(0, new Outcome.Cancelled("time limit"), T0.plusSeconds(1));
    Trial again = s.restart(0, T0.plusSeconds(5));
    assertEquals(TrialState.RUNNING, again.state());
    assertEquals(t.assignment(), again.assignment());
    assertEquals(t.budget(), again.budget());
    assertEquals(1, s.trials().size());
    s.finish(0, new Outcome.Completed(0.5, List.of(0.5), 1.0), T0.plusSeconds(6));
    assertEquals(TrialState.COMPLETE, s.trials().get(0).state());
  }

  @Test
  void foldScoresOfAnEndedTrialAreNotKept() {
    TrialStore s = fresh();
    s.create(a(0.4), Budget.full(), T0);
    s.scoreFold(0, 1, 0.7, T0.plusSeconds(1));
    s.finish(0, new Outcome.Failed("boom"), T0.plusSeconds(2));
    s.scoreFold(0, 2, 0.9, T0.plusSeconds(3));
    assertEquals(Map.of(), s.scoredFolds(0));
  }

  @Test
  void concurrentCreatesGetDistinctConsecutiveNumbers() throws Exception {
    TrialStore s = fresh();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Trial>> made = IntStream.range(0, 200)
          .mapToObj(i -> pool.submit(() -> s.create(a(i / 200.0), Budget.full(), T0))).toList();
      for (Future<Trial> f : made) f.get();
    } finally {
      pool.shutdown();
    }
    assertEquals(IntStream.range(0, 200).boxed().toList(), s.trials().stream().map(Trial::number).toList());
  }
}
