package dev.sparktune.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

/** Larger is better in these ledgers. */
class MedianStoppingTest {
  private final MedianStopping median = new MedianStopping(Studies.DATA);

  @Test
  void continuesEveryoneUntilARungHasAMedian() {
    Ledger l = new Ledger(Studies.DATA);
    l.root(0.2);
    Action.Promote p = assertInstanceOf(Action.Promote.class, median.next(new Snapshot(l.store,
        dev.sparktune.trial.Direction.MAXIMIZE, false)));
    assertEquals(0, p.from().number());
    assertEquals("median-stopping: trial 0: only 0 other results at rung 0", p.reason());
  }

  @Test
  void stopsWhatIsWorseThanTheMedianOfTheOthers() {
    Ledger l = new Ledger(Studies.DATA);
    for (double v : new double[] {0.5, 0.6, 0.7}) l.root(v);
    for (int i = 0; i < 3; i++) l.promote(i, Double.NaN);   // the grace period: all continued
    l.root(0.55);   // trial 6; others 0.5, 0.6, 0.7: median 0.6 → stopped
    assertInstanceOf(Action.Start.class, l.next(median));
    l.root(0.65);   // trial 7; others 0.5, 0.55, 0.6, 0.7: median 0.575 → continues
    Action.Promote p = assertInstanceOf(Action.Promote.class, l.next(median));
    assertEquals(7, p.from().number());
    l.promote(7, Double.NaN);
    l.root(0.1);
    l.root(0.2);
    // Two weak newcomers lower the median to 0.55: trial 6 (0.55) is no longer worse than it.
    p = assertInstanceOf(Action.Promote.class, l.next(median));
    assertEquals(6, p.from().number());
  }
}
