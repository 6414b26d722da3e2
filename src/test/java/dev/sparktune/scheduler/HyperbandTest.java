package dev.sparktune.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.study.Study;
import dev.sparktune.testing.Curves;
import dev.sparktune.testing.FakeClock;
import dev.sparktune.testing.Simulation;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Trial;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class HyperbandTest {
  private static final Ladder R81 = new Ladder(Budget.param("maxIter", 81, 81), 1, 3);

  /** The brackets of Li et al. for R = 81, η = 3, as "configs@budget" per round. */
  private static final List<String> PAPER = List.of(
      "81@1 27@3 9@9 3@27 1@81",
      "34@3 11@9 3@27 1@81",
      "15@9 5@27 1@81",
      "8@27 2@81",
      "5@81");

  @Test
  void planMatchesThePaperExactly() {
    List<String> plan = new ArrayList<>();
    for (Hyperband.Bracket b : new Hyperband(R81).plan()) {
      List<String> rounds = new ArrayList<>();
      for (Hyperband.Round r : b.rounds()) rounds.add(r.configs() + "@" + r.budget().whole());
      plan.add(String.join(" ", rounds));
    }
    assertEquals(PAPER, plan);
  }

  @Test
  void aRunEvaluatesExactlyThePlannedRounds() {
    // 81 + 34 + 15 + 8 + 5 = 143 configurations: one full Hyperband iteration, nothing more.
    Study study = Studies.of(new Hyperband(R81), 143, new FakeClock());
    Simulation.run(study, new FakeClock(), 4, Curves::branin, Curves::seconds);
    Map<Integer, TreeMap<Integer, Integer>> byBracket = new TreeMap<>();
    for (Trial t : study.trials()) {
      byBracket.computeIfAbsent(t.lineage().bracket(), b -> new TreeMap<>()).merge((int) t.budget().whole(), 1, Integer::sum);
    }
    List<String> ran = new ArrayList<>();
    for (TreeMap<Integer, Integer> rounds : byBracket.values()) {
      List<String> parts = new ArrayList<>();
      rounds.forEach((budget, n) -> parts.add(n + "@" + budget));
      ran.add(String.join(" ", parts));
    }
    assertEquals(PAPER, ran);
    assertTrue(study.best().orElseThrow().budget().isFull());
  }

  @Test
  void aRoundWaitsForItsSlowestEvaluationThenKeepsTheTopThird() {
    Ladder three = Studies.DATA;
    SuccessiveHalving sh = new SuccessiveHalving(three);
    Ledger l = new Ledger(three);
    for (int i = 0; i < 8; i++) l.root(i / 10.0);
    Action.Start last = (Action.Start) l.next(sh);
    assertEquals("successive-halving bracket 0 (s=2): configuration 9 of 9 at rung 0", last.reason());
    Trial slow = l.root(Double.NaN);
    assertTrue(l.next(sh) instanceof Action.Wait);
    l.store.finish(slow.number(), dev.sparktune.trial.Outcome.completed(0.05), java.time.Instant.EPOCH);
    List<Integer> promoted = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Action.Promote p = (Action.Promote) l.next(sh);
      promoted.add(p.from().number());
      l.promote(p.from().number(), Double.NaN);
    }
    assertEquals(List.of(7, 6, 5), promoted);
    assertTrue(l.next(sh) instanceof Action.Wait);
  }
}
