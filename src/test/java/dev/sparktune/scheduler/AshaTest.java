package dev.sparktune.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.study.Study;
import dev.sparktune.testing.Curves;
import dev.sparktune.testing.FakeClock;
import dev.sparktune.testing.Simulation;
import dev.sparktune.trial.Trial;
import org.junit.jupiter.api.Test;

/** Hand-computed rung ledgers (larger is better), and the no-idle-slot property. */
class AshaTest {
  private final Ladder ladder = Studies.DATA;   // rungs 1/9, 1/3, 1
  private final Asha asha = new Asha(ladder, 1);

  @Test
  void startsNewUntilARungHasEtaResults() {
    Ledger l = new Ledger(ladder);
    assertInstanceOf(Action.Start.class, l.next(asha));
    l.root(0.5);
    l.root(0.9);
    Action a = l.next(asha);
    assertEquals(new Action.Start(ladder.at(0), 0, 0, a.reason()), a);   // ⌊2/3⌋ = 0
    l.root(Double.NaN);   // running: not a result yet
    assertInstanceOf(Action.Start.class, l.next(asha));
  }

  @Test
  void promotesTheBestOfTheTopThirdOnce() {
    Ledger l = new Ledger(ladder);
    l.root(0.5);
    l.root(0.9);
    l.root(0.7);
    Action.Promote p = assertInstanceOf(Action.Promote.class, l.next(asha));
    assertEquals(1, p.from().number());
    assertEquals(1, p.rung());
    assertEquals(ladder.at(1), p.budget());
    l.promote(1, Double.NaN);
    // Trial 1 was the whole top ⌊3/3⌋ = 1; trial 2 is not in it, so start new.
    assertInstanceOf(Action.Start.class, l.next(asha));
    for (double v : new double[] {0.1, 0.2, 0.95}) l.root(v);   // six results: top 2 = {0.95, 0.9}
    p = assertInstanceOf(Action.Promote.class, l.next(asha));
    assertEquals(6, p.from().number());
  }

  @Test
  void theHighestRungIsServedFirst() {
    Ledger l = new Ledger(ladder);
    for (double v : new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}) l.root(v);
    // Rung 0 top 3 = trials 8, 7, 6; promote them, with results at rung 1.
    l.promote(8, 0.6);
    l.promote(7, 0.95);
    l.promote(6, 0.5);
    Action.Promote p = assertInstanceOf(Action.Promote.class, l.next(asha));
    assertEquals(10, p.from().number(), "the best of rung 1 (trial 10, 0.95) goes to rung 2 first");
    assertEquals(2, p.rung());
    assertTrue(p.budget().isFull());
  }

  @Test
  void bracketsShareNewConfigurationsLikeHyperband() {
    Asha three = new Asha(ladder, 3);
    Ledger l = new Ledger(ladder);
    int[] perBracket = new int[3];
    for (int i = 0; i < 16; i++) {
      Action.Start s = assertInstanceOf(Action.Start.class, l.next(three));
      assertEquals(s.bracket(), s.rung());
      perBracket[s.bracket()]++;
      l.root(s.bracket(), s.rung(), Double.NaN);
    }
    // Hyperband's bracket sizes for s_max = 2, η = 3 are 9, 5, 3: 16 starts in those proportions.
    assertEquals(8, perBracket[0]);
    assertEquals(5, perBracket[1]);
    assertEquals(3, perBracket[2]);
  }

  @Test
  void noSlotIdlesWhileThereIsWorkButSynchronousHalvingWaits() {
    Study async = Studies.of(new Asha(ladder, 1), 60, new FakeClock());
    Simulation.Result a = Simulation.run(async, new FakeClock(), 4, Curves::branin, Curves::seconds);
    assertEquals(0.0, a.idleSlotSeconds(), 1e-9);
    assertTrue(async.best().orElseThrow().budget().isFull());

    Study sync = Studies.of(new SuccessiveHalving(ladder), 60, new FakeClock());
    Simulation.Result s = Simulation.run(sync, new FakeClock(), 4, Curves::branin, Curves::seconds);
    assertTrue(s.idleSlotSeconds() > 0.05 * s.busySlotSeconds(), s.toString());
  }

  @Test
  void afterTheLastConfigurationItPromotesWhatItCanThenFinishes() {
    Ledger l = new Ledger(ladder);
    for (double v : new double[] {0.1, 0.2, 0.3}) l.root(v);
    Action.Promote p = assertInstanceOf(Action.Promote.class, l.next(asha, true));
    assertEquals(2, p.from().number());
    Trial up = l.promote(2, Double.NaN);
    assertInstanceOf(Action.Wait.class, l.next(asha, true));
    l.store.finish(up.number(), dev.sparktune.trial.Outcome.completed(0.4), java.time.Instant.EPOCH);
    // ⌊1/3⌋ = 0 at rung 1, but the best must reach the top: finish the leader.
    p = assertInstanceOf(Action.Promote.class, l.next(asha, true));
    assertEquals(3, p.from().number());
    l.promote(3, 0.5);
    assertInstanceOf(Action.Done.class, l.next(asha, true));
  }
}
