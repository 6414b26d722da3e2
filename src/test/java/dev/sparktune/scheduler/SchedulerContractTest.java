package dev.sparktune.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.study.Study;
import dev.sparktune.testing.Curves;
import dev.sparktune.testing.FakeClock;
import dev.sparktune.testing.Simulation;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialState;
import dev.sparktune.objective.TrialContext;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.Outcome;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every scheduler must do, whatever its algorithm, in both directions. The list is the
 * registry's ({@link Schedulers#names()}), so a new scheduler is tested once registered; variants
 * a setting switches on are added by hand.
 */
class SchedulerContractTest {
  static Stream<Named<Supplier<Scheduler>>> registered() {
    Stream<Named<Supplier<Scheduler>>> byName = Schedulers.names().stream()
        .map(n -> Named.of(n, () -> Schedulers.create(n, Studies.DATA, 1)));
    return Stream.concat(byName, Stream.of(Named.of("asha, 3 brackets", () -> new Asha(Studies.DATA, 3))));
  }

  static Stream<Arguments> schedulers() {
    return registered().flatMap(s -> Stream.of(Direction.values()).map(d -> Arguments.of(s, d)));
  }

  @Test
  void everyRegisteredSchedulerIsHere() {
    assertTrue(Schedulers.names().containsAll(List.of("fifo", "successive-halving", "hyperband", "asha", "median-stopping")),
        Schedulers.names().toString());
  }

  /** Branin to be minimised, or upside down to be maximised: the same study seen from both ends. */
  private static BiFunction<Trial, TrialContext, Outcome> objective(Direction direction) {
    return direction == Direction.MINIMIZE ? Curves::branin : Curves::braninUpsideDown;
  }

  private static Study study(Scheduler s, int configs, Direction direction) {
    return Studies.of(s, configs, new FakeClock(), Optional.empty(), direction);
  }

  private static List<Trial> run(Scheduler s, int configs, int parallelism, Direction direction) {
    Study study = study(s, configs, direction);
    Simulation.run(study, new FakeClock(), parallelism, objective(direction), Curves::seconds);
    return study.trials();
  }

  /** Maximising -f decides exactly what minimising f does: the scheduler reads the direction it is given. */
  @ParameterizedTest
  @MethodSource("registered")
  void decidesTheSameWhicheverWayValuesPoint(Supplier<Scheduler> scheduler) {
    List<Trial> min = run(scheduler.get(), 25, 3, Direction.MINIMIZE);
    List<Trial> max = run(scheduler.get(), 25, 3, Direction.MAXIMIZE);
    assertEquals(min.size(), max.size());
    for (int i = 0; i < min.size(); i++) {
      assertTrue(min.get(i).assignment().sameAs(max.get(i).assignment()), "trial " + i);
      assertEquals(min.get(i).budget(), max.get(i).budget(), "trial " + i);
      assertEquals(min.get(i).lineage(), max.get(i).lineage(), "trial " + i);
      assertEquals(min.get(i).state(), max.get(i).state(), "trial " + i);
    }
  }

  @ParameterizedTest
  @MethodSource("schedulers")
  void theBestIsEvaluatedAtTheMaximumBudget(Supplier<Scheduler> scheduler, Direction direction) {
    for (int configs : new int[] {1, 2, 5, 20}) {
      Study study = study(scheduler.get(), configs, direction);
      Simulation.run(study, new FakeClock(), 3, objective(direction), Curves::seconds);
      Trial best = study.best().orElseThrow(() -> new AssertionError(configs + " configurations: no best"));
      assertTrue(best.budget().isFull(), configs + " configurations: " + best);
      assertEquals(configs, study.trials().stream().filter(t -> t.lineage().isRoot()).count());
    }
  }

  @ParameterizedTest
  @MethodSource("schedulers")
  void rungsAreLinkedAndBudgetsFollowTheLadder(Supplier<Scheduler> scheduler, Direction direction) {
    Scheduler s = scheduler.get();
    List<Trial> trials = run(s, 30, 4, direction);
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
  void sameSeedSameDecisionsAtParallelismOne(Supplier<Scheduler> scheduler, Direction direction) {
    List<Trial> a = run(scheduler.get(), 25, 1, direction);
    List<Trial> b = run(scheduler.get(), 25, 1, direction);
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertTrue(a.get(i).assignment().sameAs(b.get(i).assignment()));
      assertEquals(a.get(i).budget(), b.get(i).budget());
      assertEquals(a.get(i).lineage(), b.get(i).lineage());
      assertEquals(a.get(i).outcome(), b.get(i).outcome());
    }
  }
}
