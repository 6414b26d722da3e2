package dev.sparktune.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.study.Study;
import dev.sparktune.testing.Curves;
import dev.sparktune.testing.FakeClock;
import dev.sparktune.testing.Simulation;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialState;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every scheduler must do, whatever its algorithm. */
class SchedulerContractTest {
  static Stream<Named<Supplier<Scheduler>>> schedulers() {
    return Stream.of(
        Named.of("fifo", Fifo::new),
        Named.of("successive-halving", () -> new SuccessiveHalving(Studies.DATA)),
        Named.of("hyperband", () -> new Hyperband(Studies.DATA)),
        Named.of("asha", () -> new Asha(Studies.DATA, 1)),
        Named.of("asha, 3 brackets", () -> new Asha(Studies.DATA, 3)),
        Named.of("median-stopping", () -> new MedianStopping(Studies.DATA)));
  }

  private static List<Trial> run(Scheduler s, int configs, int parallelism) {
    Study study = Studies.of(s, configs, new FakeClock());
    Simulation.run(study, new FakeClock(), parallelism, Curves::branin, Curves::seconds);
    return study.trials();
  }

  @ParameterizedTest
  @MethodSource("schedulers")
  void theBestIsEvaluatedAtTheMaximumBudget(Supplier<Scheduler> scheduler) {
    for (int configs : new int[] {1, 2, 5, 20}) {
      Study study = Studies.of(scheduler.get(), configs, new FakeClock());
      Simulation.run(study, new FakeClock(), 3, Curves::branin, Curves::seconds);
      Trial best = study.best().orElseThrow(() -> new AssertionError(configs + " configurations: no best"));
      assertTrue(best.budget().isFull(), configs + " configurations: " + best);
      assertEquals(configs, study.trials().stream().filter(t -> t.lineage().isRoot()).count());
    }
  }

  @ParameterizedTest
  @MethodSource("schedulers")
  void rungsAreLinkedAndBudgetsFollowTheLadder(Supplier<Scheduler> scheduler) {
    Scheduler s = scheduler.get();
    List<Trial> trials = run(s, 30, 4);
    for (Trial t : trials) {
      assertEquals(TrialState.COMPLETE, t.state());
      assertEquals(s.ladder().at(t.rung()), t.budget(), t.toString());
      if (t.lineage().isRoot()) {
        assertEquals(t.number(), t.configId());
      } else {
        Trial parent = trials.get(t.lineage().parent());
        assertTrue(parent.number() < t.number());
        assertEquals(parent.configId(), t.configId());
        assertEquals(parent.rung() + 1, t.rung());
        assertTrue(parent.assignment().sameAs(t.assignment()));
      }
    }
    // A configuration is promoted from each rung at most once.
    assertEquals(trials.stream().filter(t -> !t.lineage().isRoot()).count(),
        trials.stream().filter(t -> !t.lineage().isRoot()).map(t -> t.lineage().parent()).distinct().count());
  }

  @ParameterizedTest
  @MethodSource("schedulers")
  void sameSeedSameDecisionsAtParallelismOne(Supplier<Scheduler> scheduler) {
    List<Trial> a = run(scheduler.get(), 25, 1);
    List<Trial> b = run(scheduler.get(), 25, 1);
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertTrue(a.get(i).assignment().sameAs(b.get(i).assignment()));
      assertEquals(a.get(i).budget(), b.get(i).budget());
      assertEquals(a.get(i).lineage(), b.get(i).lineage());
      assertEquals(a.get(i).outcome(), b.get(i).outcome());
    }
  }
}
