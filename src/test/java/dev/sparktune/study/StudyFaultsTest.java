package dev.sparktune.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.objective.Objective;
import dev.sparktune.objective.TrialContext;
import dev.sparktune.sampler.RandomSampler;
import dev.sparktune.scheduler.Asha;
import dev.sparktune.scheduler.Ladder;
import dev.sparktune.space.Assignment;
import dev.sparktune.store.InMemoryJournalBackend;
import dev.sparktune.store.InMemoryTrialStore;
import dev.sparktune.store.Journal;
import dev.sparktune.store.JournalTrialStore;
import dev.sparktune.store.TrialStore;
import dev.sparktune.testing.FakeClock;
import dev.sparktune.testing.Objectives;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialState;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Trial timeouts and retries in the study loop, on a fake clock with simulated objectives. */
class StudyFaultsTest {
  /** An engine's job failure (Spark's SparkException, say), and the engine's transient rule for it. */
  static final class JobAborted extends RuntimeException {
    JobAborted(String message) {
      super(message);
    }

    JobAborted(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final ErrorClassifier ENGINE = TransientErrors.JVM.plus(java.util.Map.of(),
      List.of(new TransientErrors.Phrase("ExecutorLostFailure", "lost executor")));

  private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

  private static Study study(TrialStore store, Clock clock) {
    return new Study(Objectives.BRANIN_SPACE, new RandomSampler(), Direction.MINIMIZE, store, 42, clock);
  }

  /** Like a Spark job group: {@link #evaluate} blocks in {@link #hang} until {@link #cancel} for that trial. */
  private abstract static class Cancellable implements Objective {
    final Map<Integer, CountDownLatch> cancelled = new ConcurrentHashMap<>();
    final List<Integer> cancels = new CopyOnWriteArrayList<>();

    Outcome hang(int trial) throws Exception {
      if (latch(trial).await(20, TimeUnit.SECONDS)) throw new JobAborted("Job 7 cancelled part of cancelled job group");
      return Outcome.completed(-1000);
    }

    private CountDownLatch latch(int trial) {
      return cancelled.computeIfAbsent(trial, n -> new CountDownLatch(1));
    }

    @Override
    public void cancel(int trialNumber) {
      cancels.add(trialNumber);
      latch(trialNumber).countDown();
    }
  }

  @Test
  void aTrialOverItsTimeoutIsCancelledAndRecordedTimeoutAndTheStudyGoesOn() {
    FakeClock clock = new FakeClock();
    Map<Integer, Integer> attempts = new ConcurrentHashMap<>();
    Cancellable objective = new Cancellable() {
      @Override
      public Outcome evaluate(Assignment a, TrialContext ctx) throws Exception {
        attempts.merge(ctx.trialNumber(), 1, Integer::sum);
        if (ctx.trialNumber() == 1) {
          clock.advance(Duration.ofMinutes(11));
          // Would be the best by far had it finished.
          return hang(1);
        }
        clock.advance(Duration.ofMinutes(1));
        return Outcome.completed(Objectives.branin(a));
      }
    };
    StudyResult r = study(new InMemoryTrialStore(), clock).optimize(objective, List.of(new StopRule.MaxTrials(4)), 1,
        new FaultPolicy(Optional.of(TEN_MINUTES), 1), StudyListener.NONE);

    assertEquals("reached 4 trials", r.stopReason());
    Trial timedOut = r.trials().get(1);
    assertEquals(TrialState.TIMEOUT, timedOut.state());
    assertEquals(new Outcome.TimedOut(TEN_MINUTES), timedOut.outcome().orElseThrow());
    assertEquals("timed out after 10m", ((Outcome.TimedOut) timedOut.outcome().orElseThrow()).reason());
    assertEquals(List.of(1), objective.cancels);
    assertEquals(1, attempts.get(1), "a timeout is not retried");
    assertEquals(List.of(TrialState.COMPLETE, TrialState.TIMEOUT, TrialState.COMPLETE, TrialState.COMPLETE),
        r.trials().stream().map(Trial::state).toList());
    assertTrue(r.best().orElseThrow().number() != 1);
    assertFalse(r.outOfTime());
  }

  @Test
  void aStopRequestCancelsTheRunningTrialsAndARerunContinuesThem() throws Exception {
    CountDownLatch bothRunning = new CountDownLatch(2);
    Cancellable objective = new Cancellable() {
      @Override
      public Outcome evaluate(Assignment a, TrialContext ctx) throws Exception {
        bothRunning.countDown();
        return hang(ctx.trialNumber());
      }
    };
    java.util.concurrent.atomic.AtomicReference<String> request = new java.util.concurrent.atomic.AtomicReference<>();
    Thread signal = new Thread(() -> {
      try {
        bothRunning.await();
      } catch (InterruptedException e) {
        return;
      }
      request.set("SIGTERM");
    });
    signal.start();
    InMemoryTrialStore store = new InMemoryTrialStore();
    StudyResult r = study(store, Clock.systemUTC()).optimize(objective,
        List.of(new StopRule.MaxTrials(6), new StopRule.Requested(() -> Optional.ofNullable(request.get()))), 2,
        StudyListener.NONE);

    assertEquals("SIGTERM", r.stopReason());
    // Cancelled by the study, not failed: the engine's exception of the cancel says nothing about the point.
    assertEquals(List.of(TrialState.CANCELLED, TrialState.CANCELLED), r.trials().stream().map(Trial::state).toList());
    assertEquals(new Outcome.Cancelled("SIGTERM"), r.trials().get(0).outcome().orElseThrow());
    assertTrue(objective.cancels.containsAll(List.of(0, 1)));
    assertFalse(r.outOfTime());
    // The same store in a new study: both run again first, under their own numbers.
    Study again = study(store, Clock.systemUTC());
    assertEquals(0, again.ask().orElseThrow().number());
    assertEquals(1, again.ask().orElseThrow().number());
    assertEquals(2, again.ask().orElseThrow().number());
  }

  @Test
  void aTimedOutEvaluationIsNeverPromoted() {
    Study s = new Study(Objectives.BRANIN_SPACE, new RandomSampler(),
        new Asha(new Ladder(Budget.dataFraction(1, 1), 1.0 / 3, 3), 1), Optional.empty(), Direction.MINIMIZE,
        new InMemoryTrialStore(), 3, new FakeClock());
    List<Trial> promotions = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Trial t = s.ask().orElseThrow();
      if (!t.lineage().isRoot()) promotions.add(t);
      // Trial 0 would rank first at rung 0 had it not timed out.
      s.tell(t.number(), t.number() == 0 ? new Outcome.TimedOut(TEN_MINUTES) : Outcome.completed(t.number()));
    }
    assertFalse(promotions.isEmpty(), "the schedule promoted something");
    assertTrue(promotions.stream().noneMatch(t -> t.lineage().parent() == 0), promotions.toString());
    assertEquals(1, promotions.get(0).lineage().parent(), "the best of rung 0 that finished goes up first");
    assertEquals(TrialState.TIMEOUT, s.trials().get(0).state());
  }

  @Test
  void aTransientErrorIsRetriedWithTheSameTrialAndADeterministicOneFailsAtOnce() {
    Map<Integer, List<Assignment>> seen = new ConcurrentHashMap<>();
    Objective objective = (a, ctx) -> {
      List<Assignment> mine = seen.computeIfAbsent(ctx.trialNumber(), n -> new CopyOnWriteArrayList<>());
      mine.add(a);
      switch (ctx.trialNumber()) {
        case 1 -> {
          // Lost an executor once, then fine.
          if (mine.size() == 1) {
            throw new JobAborted("Job aborted due to stage failure: Task 1 in stage 4.0 failed 4 times, most "
                + "recent failure: ExecutorLostFailure (executor 2 exited unrelated to the running tasks) Reason: "
                + "Executor heartbeat timed out after 125000 ms");
          }
        }
        case 2 -> throw new IOException("Connection reset by peer");
        case 3 -> throw new IllegalArgumentException("elasticNetParam given invalid value 1.5");
        case 4 -> throw new JobAborted("Job aborted", new OutOfMemoryError("Java heap space"));
        default -> { }
      }
      return Outcome.completed(Objectives.branin(a));
    };
    List<String> retries = Collections.synchronizedList(new ArrayList<>());
    StudyListener listener = new StudyListener() {
      @Override
      public void trialRetrying(Trial t, int retry, int of, String error) {
        retries.add(t.number() + " " + retry + "/" + of + " " + error);
      }
    };
    StudyResult r = study(new InMemoryTrialStore(), Clock.systemUTC()).optimize(objective,
        List.of(new StopRule.MaxTrials(6)), 2, new FaultPolicy(Optional.empty(), 2, ENGINE), listener);

    assertEquals(6, r.trials().size(), "the study goes on");
    assertEquals(TrialState.COMPLETE, r.trials().get(1).state());
    assertEquals(2, seen.get(1).size());
    assertEquals(new Outcome.Failed("IOException: Connection reset by peer (after 2 retries)"),
        r.trials().get(2).outcome().orElseThrow());
    assertEquals(3, seen.get(2).size());
    assertEquals(new Outcome.Failed("IllegalArgumentException: elasticNetParam given invalid value 1.5"),
        r.trials().get(3).outcome().orElseThrow());
    assertEquals(1, seen.get(3).size());
    assertEquals(new Outcome.Failed("OutOfMemoryError: Java heap space"), r.trials().get(4).outcome().orElseThrow());
    assertEquals(1, seen.get(4).size(), "out of memory would recur");
    for (int n : List.of(1, 2)) {
      assertTrue(seen.get(n).stream().allMatch(a -> a.sameAs(r.trials().get(n).assignment())), "same params");
    }
    assertEquals(List.of(
        "1 1/2 lost executor: JobAborted: Job aborted due to stage failure: Task 1 in stage 4.0 failed 4 times, "
            + "most recent failure: ExecutorLostFailure (executor 2 exited unrelated to the running tasks) Reason: "
            + "Executor heartbeat timed out after 125000 ms",
        "2 1/2 I/O error: IOException: Connection reset by peer",
        "2 2/2 I/O error: IOException: Connection reset by peer"), retries.stream().sorted().toList());
  }

  @Test
  void aRetryGetsTheFullTimeoutAgain() {
    FakeClock clock = new FakeClock();
    Map<Integer, Integer> attempts = new ConcurrentHashMap<>();
    Objective objective = (a, ctx) -> {
      clock.advance(Duration.ofMinutes(8));
      if (attempts.merge(ctx.trialNumber(), 1, Integer::sum) == 1) throw new IOException("Connection reset by peer");
      return Outcome.completed(1.0);
    };
    StudyResult r = study(new InMemoryTrialStore(), clock).optimize(objective, List.of(new StopRule.MaxTrials(1)), 1,
        new FaultPolicy(Optional.of(TEN_MINUTES), 1), StudyListener.NONE);
    assertEquals(TrialState.COMPLETE, r.trials().get(0).state(), "16 minutes in all, 8 an attempt");
    assertEquals(2, attempts.get(0));
  }

  @Test
  void noRetriesMeansEveryErrorFailsItsTrial() {
    Map<Integer, Integer> attempts = new ConcurrentHashMap<>();
    Objective flaky = (a, ctx) -> {
      attempts.merge(ctx.trialNumber(), 1, Integer::sum);
      throw new IOException("Filesystem closed");
    };
    StudyResult r = study(new InMemoryTrialStore(), Clock.systemUTC()).optimize(flaky,
        List.of(new StopRule.MaxTrials(3)), 1, new FaultPolicy(Optional.empty(), 0), StudyListener.NONE);
    assertTrue(r.trials().stream().allMatch(t -> t.outcome().orElseThrow()
        .equals(new Outcome.Failed("IOException: Filesystem closed"))));
    assertEquals(Map.of(0, 1, 1, 1, 2, 1), attempts);
  }

  @Test
  void aResumedStudyDoesNotRerunATimedOutTrial() {
    InMemoryJournalBackend backend = new InMemoryJournalBackend();
    Study first = study(JournalTrialStore.open(new Journal(backend, 4, w -> {})), Clock.systemUTC());
    Trial a = first.ask().orElseThrow();
    Trial b = first.ask().orElseThrow();
    first.ask().orElseThrow();
    first.tell(a.number(), Outcome.completed(1.0));
    first.tell(b.number(), new Outcome.TimedOut(TEN_MINUTES));
    // The driver dies with trial 2 running.

    JournalTrialStore store = JournalTrialStore.open(new Journal(backend, 4, w -> {}));
    assertEquals(TrialState.TIMEOUT, store.trials().get(1).state());
    assertEquals(List.of(2), store.interrupted().stream().map(Trial::number).toList());
    List<Integer> evaluated = new CopyOnWriteArrayList<>();
    Objective counting = (x, ctx) -> {
      evaluated.add(ctx.trialNumber());
      return Outcome.completed(Objectives.branin(x));
    };
    StudyResult r = study(store, Clock.systemUTC()).optimize(counting, List.of(new StopRule.MaxTrials(5)), 1,
        StudyListener.NONE);
    assertEquals(List.of(2, 3, 4), evaluated);
    assertEquals(new Outcome.TimedOut(TEN_MINUTES), r.trials().get(1).outcome().orElseThrow());
  }

  @Test
  void theTimeLimitKeepsRoomForTheRefitReestimatedAsTheBestChanges() {
    FakeClock clock = new FakeClock();
    // Each trial takes a minute and is the new best; trial n's 3 folds took 10·(n+1) s each, so
    // the refit estimate after it is 10·(n+1)·3/2 = 15·(n+1) s and the reserve 1.5 × that + 30 s.
    Objective growing = (a, ctx) -> {
      clock.advance(Duration.ofMinutes(1));
      int n = ctx.trialNumber();
      double fold = 10.0 * (n + 1);
      return new Outcome.Completed(-n, List.of(-n + 0.0, -n + 0.0, -n + 0.0), 3 * fold);
    };
    StopRule limit = new StopRule.TimeLimit(TEN_MINUTES, Duration.ZERO, RefitReserve.forLimit(TEN_MINUTES, true));
    StudyResult r = study(new InMemoryTrialStore(), clock).optimize(growing,
        List.of(new StopRule.MaxTrials(100), limit), 1, StudyListener.NONE);

    // After m trials, 600 − 60·m s are left and 22.5·m + 30 s are kept: m = 7 is the first with
    // 180 ≤ 187.5. Had the first best's estimate been kept (52.5 s), it would have run into the limit itself.
    assertEquals(7, r.trials().size());
    assertEquals("time limit 10m: the last 3m are kept for refitting the best (about 1m45s) and writing the results",
        r.stopReason());
    assertTrue(r.outOfTime());
    assertEquals(Duration.ofMinutes(7), r.elapsed());
  }

  @Test
  void runningTrialsAreCancelledWhenOnlyTheReserveIsLeft() {
    FakeClock clock = new FakeClock();
    CountDownLatch firstDone = new CountDownLatch(1);
    Cancellable objective = new Cancellable() {
      @Override
      public Outcome evaluate(Assignment a, TrialContext ctx) throws Exception {
        if (ctx.trialNumber() == 0) {
          clock.advance(Duration.ofMinutes(1));
          firstDone.countDown();
          return new Outcome.Completed(1.0, List.of(1.0, 1.0, 1.0), 90);
        }
        if (ctx.trialNumber() == 1) {
          firstDone.await(20, TimeUnit.SECONDS);
          // 8.5 minutes in: 90 s left, more than the 30 s margin but less than the 97.5 s kept
          // once trial 0 is the best (1.5 × 45 s + 30 s).
          clock.advance(Duration.ofSeconds(450));
        }
        return hang(ctx.trialNumber());
      }
    };
    StopRule limit = new StopRule.TimeLimit(TEN_MINUTES, Duration.ZERO, RefitReserve.forLimit(TEN_MINUTES, true));
    StudyResult r = study(new InMemoryTrialStore(), clock).optimize(objective,
        List.of(new StopRule.MaxTrials(100), limit), 2, StudyListener.NONE);

    assertTrue(r.outOfTime());
    assertEquals("time limit 10m: the last 1m30s are kept for refitting the best (about 45s) and writing the results",
        r.stopReason());
    assertEquals(TrialState.COMPLETE, r.trials().get(0).state());
    for (Trial t : r.trials().subList(1, r.trials().size())) {
      assertEquals(new Outcome.Cancelled(r.stopReason()), t.outcome().orElseThrow());
    }
    assertTrue(objective.cancels.contains(1));
  }

  @Test
  void timeSpentBeforeTheStudyCountsAgainstTheLimit() {
    FakeClock clock = new FakeClock();
    Objective minute = (a, ctx) -> {
      clock.advance(Duration.ofMinutes(1));
      return Outcome.completed(1.0);
    };
    StudyResult r = study(new InMemoryTrialStore(), clock).optimize(minute, List.of(new StopRule.MaxTrials(100),
        new StopRule.TimeLimit(TEN_MINUTES, Duration.ofMinutes(4), RefitReserve.NONE)), 1, StudyListener.NONE);
    assertEquals(6, r.trials().size());
    assertEquals("time limit 10m reached", r.stopReason());
    assertTrue(r.outOfTime());
  }
}
