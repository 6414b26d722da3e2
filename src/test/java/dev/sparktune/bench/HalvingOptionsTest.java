package dev.sparktune.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.sampler.Rngs;
import dev.sparktune.space.Assignment;
import dev.sparktune.space.CategoricalParam;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.store.InMemoryTrialStore;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Lineage;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The halving benchmark's options and its repeat-free random sampler; no Spark. */
class HalvingOptionsTest {
  @Test
  void defaultsAreTheIssuesBenchmark() {
    HalvingOptions o = HalvingOptions.parse(new String[0]);
    assertEquals(27, o.gridSize());
    assertEquals(1.0 / 9, o.minFraction(), 1e-15);
    assertEquals(0.002, o.tolerance());
    assertEquals(HalvingOptions.ALL_SCHEDULES, o.schedules());
  }

  @Test
  void syntheticRowsReplaceTheDataFile() {
    assertEquals(0, HalvingOptions.parse(new String[0]).syntheticRows());
    assertEquals(240_000, HalvingOptions.parse(new String[] {"--synthetic", "240000"}).syntheticRows());
    assertThrows(IllegalArgumentException.class, () -> HalvingOptions.parse(new String[] {"--synthetic", "10"}));
  }

  @Test
  void gridValuesKeepTheirTypesForMllib() {
    var grid = HalvingOptions.grid("maxDepth=4,8 subsamplingRate=0.5,1.0");
    assertEquals(List.of(4L, 8L), grid.get("maxDepth"));
    // 1.0 must stay a Double: subsamplingRate is a DoubleParam.
    assertEquals(List.of(0.5, 1.0), grid.get("subsamplingRate"));
  }

  @Test
  void fractionsAndBadOptions() {
    assertEquals(1.0 / 27, HalvingOptions.parse(new String[] {"--min-fraction", "1/27"}).minFraction(), 1e-15);
    assertNull(HalvingOptions.parse(new String[] {"--help"}));
    assertThrows(IllegalArgumentException.class, () -> HalvingOptions.parse(new String[] {"--eta", "1"}));
    assertThrows(IllegalArgumentException.class, () -> HalvingOptions.parse(new String[] {"--schedules", "fifo"}));
    assertThrows(IllegalArgumentException.class, () -> HalvingOptions.parse(new String[] {"--grid", "maxDepth"}));
    assertThrows(IllegalArgumentException.class, () -> HalvingOptions.parse(new String[] {"--min-fraction", "1"}));
  }

  @Test
  void aBudgetParamLeavesTheGridAndSetsTheMaximumBudget() {
    HalvingOptions o = HalvingOptions.parse(new String[] {"--grid", "maxDepth=4,7,10 subsamplingRate=0.5,1.0 "
        + "numTrees=10,40,20", "--budget-param", "numTrees"});
    assertEquals(18, o.gridSize());
    assertEquals(6, o.searchSize());
    assertEquals(List.of("maxDepth", "subsamplingRate"), List.copyOf(o.searchGrid().keySet()));
    assertEquals(40, o.budgetMax());
    assertEquals(27, HalvingOptions.parse(new String[0]).searchSize());  // data fraction: the whole grid
    var e = assertThrows(IllegalArgumentException.class,
        () -> HalvingOptions.parse(new String[] {"--budget-param", "maxIter"}));
    assertTrue(e.getMessage().startsWith("--budget-param: expected one of the grid's params"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> HalvingOptions.parse(new String[] {"--budget-param", "subsamplingRate"}));
    assertTrue(e.getMessage().contains("whole values"), e.getMessage());
  }

  @Test
  void continuedAgainstRefittingIsAnOption() {
    HalvingOptions d = HalvingOptions.parse(new String[0]);
    assertEquals(true, d.continuePromoted());
    assertEquals(false, d.vsRefitting());
    assertEquals(1, d.repeats());
    HalvingOptions o = HalvingOptions.parse(new String[] {"--vs-refitting", "--repeats", "3", "--no-grow-forests"});
    assertEquals(true, o.vsRefitting());
    assertEquals(3, o.repeats());
    assertEquals(false, o.continuePromoted());
    assertThrows(IllegalArgumentException.class, () -> HalvingOptions.parse(new String[] {"--repeats", "0"}));
  }

  @Test
  void distinctSamplerVisitsEveryPointOnceThenStops() {
    SearchSpace space = SearchSpace.of(CategoricalParam.of("a", 1L, 2L, 3L), CategoricalParam.of("b", 0.5, 1.0));
    HalvingDistinctSampler sampler = new HalvingDistinctSampler(6);
    InMemoryTrialStore store = new InMemoryTrialStore();
    Set<String> seen = new HashSet<>();
    for (int n = 0; n < 6; n++) {
      Optional<Assignment> a = sampler.sample(space, store, Rngs.forTrial(42, n));
      assertTrue(a.isPresent() && seen.add(a.get().key()), "a new point at draw " + n);
      store.create(a.get(), Budget.full(), Lineage.root(n), Instant.EPOCH);
    }
    assertTrue(sampler.sample(space, store, Rngs.forTrial(42, 6)).isEmpty());
  }
}
