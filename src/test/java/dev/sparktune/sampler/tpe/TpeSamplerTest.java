package dev.sparktune.sampler.tpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.sampler.RandomSampler;
import dev.sparktune.sampler.Rngs;
import dev.sparktune.sampler.SamplerTesting;
import dev.sparktune.space.Assignment;
import dev.sparktune.space.FloatParam;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.store.InMemoryTrialStore;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.Trial;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TpeSamplerTest {
  private static final SearchSpace LINE = SearchSpace.of(FloatParam.of("x", 0, 1));

  /** Median distance to the optimum 0.7 over trials 40..59 of a study. */
  private static double lateDistance(InMemoryTrialStore store) {
    double[] d = store.trials().subList(40, 60).stream()
        .mapToDouble(t -> Math.abs(SamplerTesting.x(t.assignment()) - 0.7)).sorted().toArray();
    return d[d.length / 2];
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void concentratesNearTheOptimumOfAQuadratic(boolean multivariate) {
    var tpe = new TpeSampler(TpeSettings.defaults().withMultivariate(multivariate), 1);
    var store = SamplerTesting.run(tpe, LINE, a -> Math.pow(SamplerTesting.x(a) - 0.7, 2), Direction.MINIMIZE, 60, 1);
    var random = SamplerTesting.run(new RandomSampler(), LINE, a -> 0, Direction.MINIMIZE, 60, 1);
    // Random points lie ~0.25 from 0.7 in the median; TPE's late proposals must be far closer.
    assertTrue(lateDistance(store) < 0.05, () -> "tpe " + lateDistance(store));
    assertTrue(lateDistance(random) > 0.1, () -> "random " + lateDistance(random));
  }

  @Test
  void readsTheStudysDirection() {
    var tpe = new TpeSampler(TpeSettings.defaults(), 2);
    // Larger is better here: the same optimum must attract when maximising the negated quadratic.
    var max = SamplerTesting.run(tpe, LINE, a -> -Math.pow(SamplerTesting.x(a) - 0.7, 2), Direction.MAXIMIZE, 60, 2);
    assertTrue(lateDistance(max) < 0.05, () -> "maximize " + lateDistance(max));
    // Minimising the negated quadratic pushes to the ends, far from 0.7.
    var min = SamplerTesting.run(tpe, LINE, a -> -Math.pow(SamplerTesting.x(a) - 0.7, 2), Direction.MINIMIZE, 60, 2);
    assertTrue(lateDistance(min) > 0.2, () -> "minimize " + lateDistance(min));
  }

  @Test
  void suggestionsWhileATrialRunsDifferFromIt() {
    var tpe = new TpeSampler(TpeSettings.defaults(), 3);
    var store = SamplerTesting.run(tpe, LINE, a -> Math.pow(SamplerTesting.x(a) - 0.7, 2), Direction.MINIMIZE, 30, 3);
    Assignment first = tpe.sample(LINE, store, Rngs.forTrial(3, 30)).orElseThrow();
    Trial running = store.create(first, Budget.full(), Instant.EPOCH);
    Assignment second = tpe.sample(LINE, store, Rngs.forTrial(3, 31)).orElseThrow();
    assertEquals(30, running.number());
    assertFalse(first.sameAs(second), () -> first + " proposed twice while it is running");
    // Both still exploit: the running trial is a lie about one point, not about the region.
    assertTrue(Math.abs(SamplerTesting.x(second) - 0.7) < 0.1, () -> "second " + second);
  }

  @Test
  void startsWithSobolPoints() {
    var tpe = new TpeSampler(TpeSettings.defaults(), 4);
    var store = SamplerTesting.run(tpe, LINE, a -> 0, Direction.MINIMIZE, 8, 4);
    double[] xs = store.trials().stream().mapToDouble(t -> SamplerTesting.x(t.assignment())).sorted().toArray();
    // Eight Sobol points leave no wide gap (eight random ones usually do).
    for (int i = 1; i < xs.length; i++) assertTrue(xs[i] - xs[i - 1] < 0.3, () -> Arrays.toString(xs));
  }

  @Test
  void goodSplitKeepsTheSmallestLossesAndBreaksTiesByTrialOrder() {
    boolean[] good = TpeSampler.goodOnes(new double[] {3, 1, 2, 1, 5}, 2);
    assertEquals(List.of(false, true, false, true, false), asList(good));
    boolean[] tie = TpeSampler.goodOnes(new double[] {1, 1, 1}, 2);
    assertEquals(List.of(true, true, false), asList(tie));
  }

  @Test
  void olderResultsWeighLessOnceThereAreMany() {
    double[] w = TpeSampler.weights(50);
    assertEquals(1.0, w[49]);
    assertEquals(1.0, w[25]);
    assertTrue(w[0] < 0.1 && w[0] > 0);
    for (int i = 1; i < 25; i++) assertTrue(w[i] > w[i - 1]);
    assertTrue(Arrays.stream(TpeSampler.weights(20)).allMatch(v -> v == 1.0));
  }

  private static List<Boolean> asList(boolean[] b) {
    Boolean[] out = new Boolean[b.length];
    for (int i = 0; i < b.length; i++) out[i] = b[i];
    return List.of(out);
  }
}
