package dev.sparktune.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.space.Assignment;
import dev.sparktune.space.CategoricalParam;
import dev.sparktune.space.Condition;
import dev.sparktune.space.FloatParam;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.store.InMemoryTrialStore;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class ImportanceTest {
  static final SearchSpace LINEAR = SearchSpace.of(FloatParam.of("x1", 0, 1), FloatParam.of("x2", 0, 1),
      FloatParam.of("x3", 0, 1));

  /** {@code n} uniformly random points of {@code space} scored by {@code f}. */
  static List<Trial> random(SearchSpace space, int n, long seed, ToDoubleFunction<Assignment> f) {
    Random rng = new Random(seed);
    InMemoryTrialStore store = new InMemoryTrialStore();
    for (int i = 0; i < n; i++) {
      Assignment a = space.cube().decode(rng.doubles(space.cube().dimensions()).toArray());
      store.create(a, Budget.full(), Instant.EPOCH);
      store.finish(i, Outcome.completed(f.applyAsDouble(a)), Instant.EPOCH);
    }
    return store.trials();
  }

  static double x(Assignment a, String name) {
    return ((Number) a.get(name)).doubleValue();
  }

  @Test
  void aLinearFunctionRanksItsParamsByTheirWeight() {
    List<Trial> trials = random(LINEAR, 300, 1, a -> 10 * x(a, "x1") + 0.1 * x(a, "x2") + 0 * x(a, "x3"));
    Map<String, Double> imp = Importance.pedAnova(LINEAR, Direction.MINIMIZE, trials);
    assertEquals(List.of("x1"), List.copyOf(imp.keySet()).subList(0, 1), imp.toString());
    assertTrue(imp.get("x1") > 0.8, imp.toString());
    assertTrue(imp.get("x3") < 0.1, "x3 does nothing: " + imp);
    assertEquals(1.0, imp.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
    // the direction matters: maximising, the top trials sit at x1 = 1 instead, x1 still first
    Map<String, Double> max = Importance.pedAnova(LINEAR, Direction.MAXIMIZE, trials);
    assertEquals("x1", max.keySet().iterator().next(), max.toString());
  }

  @Test
  void aConditionalParamCountsWhereItIsActiveAndItsParentToo() {
    SearchSpace space = SearchSpace.of(CategoricalParam.of("kind", "a", "b"),
        FloatParam.of("alpha", 0, 1).when(new Condition("kind", List.of("a"))), FloatParam.of("noise", 0, 1));
    // kind = b is always mediocre; kind = a is best with alpha near 0.3
    List<Trial> trials = random(space, 400, 2, a -> a.get("kind").equals("a")
        ? 20 * Math.pow(x(a, "alpha") - 0.3, 2) : 1.0);
    Map<String, Double> imp = Importance.pedAnova(space, Direction.MINIMIZE, trials);
    List<String> order = List.copyOf(imp.keySet());
    assertEquals("noise", order.get(2), imp.toString());
    assertTrue(imp.get("noise") < 0.1, imp.toString());
    assertEquals(List.of("alpha", "kind", "noise"), order, imp.toString());
    assertTrue(imp.get("kind") > 10 * imp.get("noise"), "every good trial has kind = a: " + imp);
  }

  @Test
  void tooFewScoresGiveNothingAndEqualScoresGiveZeros() {
    assertTrue(Importance.pedAnova(LINEAR, Direction.MINIMIZE, random(LINEAR, 9, 3, a -> x(a, "x1"))).isEmpty());
    Map<String, Double> flat = Importance.pedAnova(LINEAR, Direction.MINIMIZE, random(LINEAR, 50, 3, a -> 1.0));
    assertEquals(3, flat.size());
    // ties keep trial order: the "top" is an arbitrary tenth, so nothing stands out much
    assertTrue(flat.values().stream().allMatch(v -> v < 0.8), flat.toString());
  }

  /** For the comparison with Optuna (see README): the trials as JSON lines x1,x2,x3,value. */
  static Map<String, Object> point(Trial t) {
    Map<String, Object> m = new LinkedHashMap<>(t.assignment().values());
    m.put("value", t.value().getAsDouble());
    return m;
  }
}
