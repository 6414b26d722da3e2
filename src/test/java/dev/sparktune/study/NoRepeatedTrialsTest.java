package dev.sparktune.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.objective.Objective;
import dev.sparktune.sampler.Samplers;
import dev.sparktune.scheduler.Asha;
import dev.sparktune.scheduler.Ladder;
import dev.sparktune.space.Assignment;
import dev.sparktune.space.CategoricalParam;
import dev.sparktune.space.IntParam;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.store.InMemoryTrialStore;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No trial is spent on a configuration the study already has, whichever registered sampler
 * proposes (the list comes from {@link Samplers#names()}, so a new sampler is covered at once):
 * on small int and categorical spaces, where model-based samplers used to propose the same
 * cell again (TPE: one random-forest configuration four times in 20 trials), and up to the point
 * where every configuration has been tried, when the study stops and says so.
 */
class NoRepeatedTrialsTest {
  /** 5 depths × 3 forest sizes × 2 impurities = 30 configurations, as in a small random-forest study. */
  private static final SearchSpace FOREST = SearchSpace.of(
      IntParam.of("maxDepth", 2, 6),
      new IntParam("numTrees", 10, 30, false, 10, Optional.empty()),
      CategoricalParam.of("impurity", "gini", "entropy"));
  /** 3 × 2 = 6 configurations. */
  private static final SearchSpace TINY = SearchSpace.of(
      IntParam.of("maxDepth", 3, 5),
      CategoricalParam.of("impurity", "gini", "entropy"));

  static List<String> samplers() {
    return List.copyOf(Samplers.names());
  }

  /** A smooth score with its best at maxDepth 5, 20 trees, entropy: model-based samplers home in on it. */
  private static double score(Assignment a) {
    double depth = ((Number) a.get("maxDepth")).doubleValue();
    double trees = a.get("numTrees") == null ? 20 : ((Number) a.get("numTrees")).doubleValue();
    return Math.pow(depth - 5, 2) + Math.pow((trees - 20) / 10, 2) + ("entropy".equals(a.get("impurity")) ? 0 : 0.5);
  }

  private static Study study(String sampler, SearchSpace space, InMemoryTrialStore store) {
    return new Study(space, Samplers.create(sampler, new Samplers.Options(7, OptionalInt.empty()), space),
        Direction.MINIMIZE, store, 7, Clock.systemUTC());
  }

  private static Map<String, Long> repeats(List<Trial> roots) {
    Map<String, Long> counts = roots.stream()
        .collect(Collectors.groupingBy(t -> t.assignment().toString(), Collectors.counting()));
    counts.values().removeIf(n -> n == 1);
    return counts;
  }

  @ParameterizedTest
  @MethodSource("samplers")
  void noConfigurationIsStartedTwice(String sampler) {
    Study s = study(sampler, FOREST, new InMemoryTrialStore());
    for (int i = 0; i < 24; i++) {
      Trial t = s.ask().orElseThrow(() -> new AssertionError("nothing to ask with configurations left"));
      s.tell(t.number(), Outcome.completed(score(t.assignment())));
    }
    assertEquals(Map.of(), repeats(s.trials()), sampler + " repeated configurations");
  }

  @ParameterizedTest
  @MethodSource("samplers")
  void anExhaustedSpaceStopsTheStudyAndSaysSo(String sampler) {
    Objective objective = (a, ctx) -> Outcome.completed(score(a));
    StudyResult r = study(sampler, TINY, new InMemoryTrialStore())
        .optimize(objective, List.of(new StopRule.MaxTrials(20)), 2, StudyListener.NONE);
    assertEquals(6, r.trials().size(), sampler + ": " + r.trials().stream().map(Trial::assignment).toList());
    assertEquals(Map.of(), repeats(r.trials()), sampler);
    assertEquals("the search space is exhausted: all 6 configurations have been tried", r.stopReason(), sampler);
    assertTrue(r.best().isPresent());
  }

  @ParameterizedTest
  @MethodSource("samplers")
  void promotionsReEvaluateTheSameConfigurationButNewOnesAreDistinct(String sampler) {
    Ladder ladder = new Ladder(Budget.dataFraction(1, 1), 1.0 / 9, 3);
    Objective objective = (a, ctx) -> Outcome.completed(score(a) + 1 / ctx.budget().amount());
    Study s = new Study(FOREST, Samplers.create(sampler, new Samplers.Options(7, OptionalInt.empty()), FOREST),
        new Asha(ladder, 1), Optional.empty(), Direction.MINIMIZE, new InMemoryTrialStore(), 7, Clock.systemUTC());
    StudyResult r = s.optimize(objective, List.of(new StopRule.MaxTrials(27)), 1, StudyListener.NONE);
    List<Trial> roots = r.trials().stream().filter(t -> t.lineage().isRoot()).toList();
    assertEquals(27, roots.size(), sampler);
    assertEquals(Map.of(), repeats(roots), sampler + " started a configuration twice");
    // Promotions are the same configuration at a higher budget, on purpose.
    List<Trial> promoted = r.trials().stream().filter(t -> !t.lineage().isRoot()).toList();
    assertTrue(!promoted.isEmpty(), sampler);
    for (Trial p : promoted) {
      Trial parent = r.trials().get(p.lineage().parent());
      assertTrue(parent.assignment().sameAs(p.assignment()) && p.budget().amount() > parent.budget().amount());
    }
  }

  @ParameterizedTest
  @MethodSource("samplers")
  void aResumedStudyProposesWhatAnUninterruptedOneDid(String sampler) {
    Study straight = study(sampler, FOREST, new InMemoryTrialStore());
    for (int i = 0; i < 28; i++) {
      Trial t = straight.ask().orElseThrow();
      straight.tell(t.number(), Outcome.completed(score(t.assignment())));
    }
    // A new driver over the first 11 trials (its journal replayed), with a new sampler object.
    InMemoryTrialStore replayed = new InMemoryTrialStore();
    for (Trial t : straight.trials().subList(0, 11)) {
      replayed.create(t.assignment(), t.budget(), t.lineage(), Instant.EPOCH);
      replayed.finish(t.number(), t.outcome().orElseThrow(), Instant.EPOCH);
    }
    Study resumed = study(sampler, FOREST, replayed);
    for (int i = 11; i < 28; i++) {
      Trial t = resumed.ask().orElseThrow();
      Trial want = straight.trials().get(i);
      assertTrue(want.assignment().sameAs(t.assignment()), sampler + " trial " + i + ": " + t.assignment() + " vs " + want.assignment());
      resumed.tell(t.number(), Outcome.completed(score(t.assignment())));
    }
  }

  @ParameterizedTest
  @MethodSource("samplers")
  void aRepeatIsAlsoRefusedWhenTheOriginalIsStillRunning(String sampler) {
    // Six asked before any is told: every one of TINY's points exactly once, then nothing.
    Study s = study(sampler, TINY, new InMemoryTrialStore());
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < 6; i++) seen.merge(s.ask().orElseThrow().assignment().toString(), 1, Integer::sum);
    assertEquals(6, seen.size(), sampler + ": " + seen);
    assertTrue(s.ask().isEmpty(), sampler);
  }
}
