package dev.sparktune.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.objective.Objective;
import dev.sparktune.sampler.GridSampler;
import dev.sparktune.sampler.RandomSampler;
import dev.sparktune.space.IntParam;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.store.InMemoryTrialStore;
import dev.sparktune.testing.FakeClock;
import dev.sparktune.testing.Objectives;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialState;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StudyTest {
  private static Study study(Clock clock) {
    return new Study(Objectives.BRANIN_SPACE, new RandomSampler(), Direction.MINIMIZE, new InMemoryTrialStore(), 42, clock);
  }

  @Test
  void askTellFindsAGoodBraninPoint() {
    Study s = study(Clock.systemUTC());
    for (int i = 0; i < 200; i++) {
      Trial t = s.ask().orElseThrow();
      s.tell(t.number(), Outcome.completed(Objectives.branin(t.assignment())));
    }
    double best = s.best().orElseThrow().value().getAsDouble();
    assertTrue(best < 2.0, "best " + best);
    assertEquals(200, s.trials().size());
  }

  @Test
  void optimizeStopsAtMaxTrialsAndAgreesWithAskTell() {
    StudyResult r = study(Clock.systemUTC()).optimize(Objectives.branin(), List.of(new StopRule.MaxTrials(30)), 4, StudyListener.NONE);
    assertEquals(30, r.trials().size());
    assertEquals("reached 30 trials", r.stopReason());
    assertTrue(r.trials().stream().allMatch(t -> t.state() == TrialState.COMPLETE));
    // The same seed proposes the same configurations, whatever the parallelism.
    Study serial = study(Clock.systemUTC());
    for (Trial t : r.trials()) {
      Trial u = serial.ask().orElseThrow();
      assertTrue(t.assignment().sameAs(u.assignment()));
    }
  }

  @Test
  void aThrowingTrialIsRecordedAndTheStudyGoesOn() {
    AtomicInteger calls = new AtomicInteger();
    Objective flaky = (a, ctx) -> {
      if (calls.incrementAndGet() % 3 == 0) throw new IllegalStateException("executor lost");
      return Outcome.completed(Objectives.branin(a));
    };
    StudyResult r = study(Clock.systemUTC()).optimize(flaky, List.of(new StopRule.MaxTrials(12)), 1, StudyListener.NONE);
    assertEquals(12, r.trials().size());
    List<Trial> failed = r.trials().stream().filter(t -> t.state() == TrialState.FAILED).toList();
    assertEquals(4, failed.size());
    assertEquals(new Outcome.Failed("IllegalStateException: executor lost"), failed.get(0).outcome().orElseThrow());
    assertTrue(r.best().isPresent());
  }

  @Test
  void keepsParallelismTrialsInFlight() throws Exception {
    int parallelism = 3;
    CountDownLatch allIn = new CountDownLatch(parallelism);
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    Objective slow = (a, ctx) -> {
      int now = inFlight.incrementAndGet();
      maxInFlight.accumulateAndGet(now, Math::max);
      allIn.countDown();
      // The first three wait for each other: they can only all arrive if they run at once.
      allIn.await(5, TimeUnit.SECONDS);
      inFlight.decrementAndGet();
      return Outcome.completed(1.0);
    };
    study(Clock.systemUTC()).optimize(slow, List.of(new StopRule.MaxTrials(9)), parallelism, StudyListener.NONE);
    assertEquals(0, allIn.getCount());
    assertEquals(parallelism, maxInFlight.get());
  }

  @Test
  void aChangingParallelismIsFollowedAsSlotsFree() throws Exception {
    // The cluster grows from 1 to 3 slots once two trials have finished, as executors arrive under
    // dynamic allocation; trials then overlap three at a time.
    AtomicInteger finished = new AtomicInteger();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxBefore = new AtomicInteger();
    AtomicInteger maxAfter = new AtomicInteger();
    CountDownLatch threeAtOnce = new CountDownLatch(3);
    Objective obj = (a, ctx) -> {
      int now = inFlight.incrementAndGet();
      boolean grown = finished.get() >= 2;
      (grown ? maxAfter : maxBefore).accumulateAndGet(now, Math::max);
      if (grown) {
        threeAtOnce.countDown();
        threeAtOnce.await(5, TimeUnit.SECONDS);
      }
      inFlight.decrementAndGet();
      finished.incrementAndGet();
      return Outcome.completed(1.0);
    };
    study(Clock.systemUTC()).optimize(obj, List.of(new StopRule.MaxTrials(8)),
        () -> finished.get() >= 2 ? 3 : 1, FaultPolicy.NONE, StudyListener.NONE);
    assertEquals(1, maxBefore.get(), "one slot: one trial at a time");
    assertEquals(0, threeAtOnce.getCount(), "three trials ran at once after the cluster grew");
    assertEquals(3, maxAfter.get());
  }

  @Test
  void timeLimitCancelsRunningTrials() {
    FakeClock clock = new FakeClock();
    AtomicInteger cancelled = new AtomicInteger();
    CountDownLatch cancelSignal = new CountDownLatch(1);
    Objective stuck = new Objective() {
      @Override
      public Outcome evaluate(dev.sparktune.space.Assignment a, dev.sparktune.objective.TrialContext ctx) throws Exception {
        if (ctx.trialNumber() < 2) {
          clock.advance(Duration.ofMinutes(1));
          return Outcome.completed(ctx.trialNumber());
        }
        // Trial 2 overruns the limit and only returns when cancelled, like a Spark job group.
        clock.advance(Duration.ofMinutes(2));
        if (cancelSignal.await(20, TimeUnit.SECONDS)) throw new IllegalStateException("job group cancelled");
        return Outcome.completed(0);
      }

      @Override
      public void cancel(int trialNumber) {
        cancelled.incrementAndGet();
        cancelSignal.countDown();
      }
    };
    StudyResult r = study(clock).optimize(stuck,
        List.of(new StopRule.MaxTrials(100), new StopRule.TimeLimit(Duration.ofMinutes(3))), 1, StudyListener.NONE);
    assertEquals("time limit 3m reached", r.stopReason());
    assertEquals(3, r.trials().size());
    Trial last = r.trials().get(2);
    assertEquals(TrialState.CANCELLED, last.state(), "cut short by the study, not failed: a resume reruns it");
    assertEquals(new Outcome.Cancelled("time limit 3m reached"), last.outcome().orElseThrow());
    assertEquals(1, cancelled.get());
    assertTrue(r.trials().stream().noneMatch(t -> t.state() == TrialState.RUNNING));
  }

  @Test
  void targetAndPatienceStopEarly() {
    Objective constant = (a, ctx) -> Outcome.completed(5.0);
    StudyResult patient = study(Clock.systemUTC()).optimize(constant,
        List.of(new StopRule.MaxTrials(100), new StopRule.Patience(5)), 1, StudyListener.NONE);
    assertEquals("no improvement in the last 5 trials", patient.stopReason());
    assertEquals(6, patient.trials().size());

    StudyResult target = study(Clock.systemUTC()).optimize(Objectives.branin(),
        List.of(new StopRule.MaxTrials(500), new StopRule.Target(5.0, Direction.MINIMIZE)), 1, StudyListener.NONE);
    assertTrue(target.stopReason().endsWith("reached the target 5.0"), target.stopReason());
    assertTrue(target.best().orElseThrow().value().getAsDouble() <= 5.0);
    assertTrue(target.trials().size() < 500);
  }

  @Test
  void exhaustedGridEndsTheStudy() {
    Study s = new Study(SearchSpace.of(IntParam.of("k", 1, 4)), new GridSampler(OptionalInt.empty()),
        Direction.MAXIMIZE, new InMemoryTrialStore(), 1, Clock.systemUTC());
    StudyResult r = s.optimize(Objectives.sphere(), List.of(new StopRule.MaxTrials(40)), 2, StudyListener.NONE);
    assertEquals("the search space is exhausted: all 4 configurations have been tried", r.stopReason());
    assertEquals(4, r.trials().size());
    assertEquals(4L, r.best().orElseThrow().assignment().get("k"));
  }
}
