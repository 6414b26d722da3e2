package dev.sparktune.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.space.Assignment;
import dev.sparktune.space.CategoricalParam;
import dev.sparktune.space.Condition;
import dev.sparktune.space.FloatParam;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.Lineage;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriorSelectionTest {
  private static final SearchSpace SPACE = SearchSpace.of(FloatParam.log("regParam", 1e-3, 1.0));
  private static final Instant T = Instant.parse("2026-11-28T01:00:00Z");

  /** An earlier study's trials, built in order as its journal would replay them. */
  private final List<Trial> earlier = new ArrayList<>();

  private static Assignment reg(double r) {
    return Assignment.of(Map.of("regParam", r));
  }

  private Trial add(Assignment a, Budget b, Lineage l, Outcome o) {
    Trial t = Trial.running(earlier.size(), a, b, l, T);
    if (o != null) t = t.finish(o, T);
    earlier.add(t);
    return t;
  }

  private Trial full(Assignment a, double value) {
    return add(a, Budget.full(), Lineage.root(earlier.size()), Outcome.completed(value));
  }

  private static List<Object> regs(List<Assignment> as) {
    return as.stream().map(a -> a.get("regParam")).toList();
  }

  @Test
  void theTopKBestComeFirstInTheEarlierStudysDirection() {
    double[] values = {0.80, 0.95, 0.70, 0.90, 0.85};
    for (int i = 0; i < values.length; i++) full(reg(0.01 * (i + 1)), values[i]);

    Prior max = PriorSelection.select(earlier, Direction.MAXIMIZE, SPACE, 3);
    assertEquals(List.of(0.02, 0.04, 0.05), regs(max.first()));
    Prior min = PriorSelection.select(earlier, Direction.MINIMIZE, SPACE, 3);
    assertEquals(List.of(0.03, 0.01, 0.05), regs(min.first()));
    assertEquals(5, PriorSelection.select(earlier, Direction.MINIMIZE, SPACE, 50).first().size(), "top-k above the count");
    assertThrows(IllegalArgumentException.class, () -> PriorSelection.select(earlier, Direction.MINIMIZE, SPACE, 0));
  }

  @Test
  void aConfigurationEvaluatedTwiceIsOneCandidateAtItsBetterResult() {
    full(reg(0.1), 0.70);
    full(reg(0.2), 0.80);
    full(Assignment.of(Map.of("regParam", 0.1)), 0.90);   // the same configuration again, better
    full(reg(0.3), 0.75);
    Prior p = PriorSelection.select(earlier, Direction.MAXIMIZE, SPACE, 3);
    assertEquals(List.of(0.1, 0.2, 0.3), regs(p.first()));
    assertEquals(3, p.configurations());
    assertEquals(4, p.observations().size(), "every completed trial is an observation");
  }

  @Test
  void aConfigurationThatWentFurtherRanksFirstByItsScoreThere() {
    Budget third = Budget.dataFraction(1.0 / 3, 1.0);
    Budget all = Budget.dataFraction(1.0, 1.0);
    Trial a0 = add(reg(0.01), third, Lineage.root(0, 0, 0), Outcome.completed(0.99));
    Trial b0 = add(reg(0.02), third, Lineage.root(1, 0, 0), Outcome.completed(0.90));
    add(reg(0.03), third, Lineage.root(2, 0, 0), Outcome.completed(0.97));   // never promoted
    add(reg(0.01), all, Lineage.promoted(a0, 1), Outcome.completed(0.80));
    add(reg(0.02), all, Lineage.promoted(b0, 1), Outcome.completed(0.85));
    // a's low-budget 0.99 does not count: at the top rung b beat it, and c never got there.
    Prior p = PriorSelection.select(earlier, Direction.MAXIMIZE, SPACE, 3);
    assertEquals(List.of(0.02, 0.01, 0.03), regs(p.first()));
  }

  @Test
  void onlyCompletedTrialsWithAScoreCount() {
    full(reg(0.1), 0.5);
    add(reg(0.2), Budget.full(), Lineage.root(1), new Outcome.Failed("OutOfMemoryError"));
    add(reg(0.3), Budget.full(), Lineage.root(2), new Outcome.Pruned(Map.of(0, 0.99), "worse than the incumbent"));
    add(reg(0.4), Budget.full(), Lineage.root(3), null);   // running when the earlier driver died
    full(reg(0.5), Double.POSITIVE_INFINITY);
    Prior p = PriorSelection.select(earlier, Direction.MINIMIZE, SPACE, 10);
    assertEquals(List.of(0.1), regs(p.first()));
    assertEquals(1, p.observations().size());
    assertEquals(1, p.configurations());
  }

  @Test
  void configurationsOutsideTheSpaceAreDroppedAndCountedByReason() {
    full(reg(0.5), 0.9);
    full(reg(1e-4), 0.99);                                              // below today's low
    full(reg(5e-4), 0.98);
    full(Assignment.of(Map.of("regParam", 0.2, "maxIter", 50L)), 0.97);  // a param no longer tuned
    full(Assignment.of(Map.of("elasticNetParam", 0.5)), 0.96);           // regParam not tuned then
    Prior p = PriorSelection.select(earlier, Direction.MAXIMIZE, SPACE, 10);
    assertEquals(List.of(0.5), regs(p.first()));
    assertEquals(List.of(0.5), regs(p.observations().stream().map(Trial::assignment).toList()));
    Map<String, Integer> expected = new LinkedHashMap<>();
    expected.put("regParam outside the space", 2);
    expected.put("maxIter no longer in the space", 1);
    expected.put("no value for regParam", 1);
    assertEquals(expected, p.dropped());
    assertEquals("1 of 5 earlier configurations fit the search space, the best 1 run first; 4 dropped "
        + "(2× regParam outside the space, 1× maxIter no longer in the space, 1× no value for regParam)", p.summary());
  }

  @Test
  void conditionalParamsMustBeConsistentWithTheirParent() {
    SearchSpace space = SearchSpace.of(CategoricalParam.of("penalty", "l2", "elastic"),
        FloatParam.of("mix", 0.0, 1.0).when(new Condition("penalty", List.of("elastic"))));
    full(Assignment.of(Map.of("penalty", "l2", "mix", 0.5)), 0.1);   // mix set although inactive
    full(Assignment.of(Map.of("penalty", "elastic")), 0.2);          // mix missing although active
    full(Assignment.of(Map.of("penalty", "elastic", "mix", 0.3)), 0.3);
    full(Assignment.of(Map.of("penalty", "l2")), 0.4);
    Prior p = PriorSelection.select(earlier, Direction.MINIMIZE, space, 10);
    assertEquals(2, p.first().size());
    assertTrue(p.first().get(0).sameAs(Assignment.of(Map.of("penalty", "elastic", "mix", 0.3))));
    assertTrue(p.first().get(1).sameAs(Assignment.of(Map.of("penalty", "l2"))));
    assertEquals(Map.of("mix set although its condition does not hold", 1, "no value for mix", 1), p.dropped());
  }

  @Test
  void observationsAreEveryFittingResultInOrderNumberedBelowZero() {
    Budget half = Budget.dataFraction(0.5, 1.0);
    Trial a = add(reg(0.1), half, Lineage.root(0, 0, 0), Outcome.completed(0.6));
    full(reg(2.0), 0.9);                                                  // outside: not learnt from
    add(reg(0.1), Budget.dataFraction(1.0, 1.0), Lineage.promoted(a, 1), Outcome.completed(0.7));
    add(reg(0.3), half, Lineage.root(3, 0, 0), Outcome.completed(0.5));
    Prior p = PriorSelection.select(earlier, Direction.MAXIMIZE, SPACE, 1);
    List<Trial> obs = p.observations();
    assertEquals(List.of(-3, -2, -1), obs.stream().map(Trial::number).toList());
    assertEquals(List.of(0.6, 0.7, 0.5), obs.stream().map(t -> t.value().getAsDouble()).toList());
    assertEquals(List.of(half, Budget.dataFraction(1.0, 1.0), half), obs.stream().map(Trial::budget).toList(),
        "low-budget results stay at their budget, for samplers that learn per budget");
  }
}
