package dev.sparktune.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sparktune.trial.Budget;
import java.util.List;
import org.junit.jupiter.api.Test;

class LadderTest {
  @Test
  void rungsComeDownFromTheMaximumByEta() {
    Ladder l = new Ladder(Budget.param("maxIter", 81, 81), 1, 3);
    assertEquals(4, l.topRung());
    assertEquals(List.of(1.0, 3.0, 9.0, 27.0, 81.0), l.budgets().stream().map(Budget::amount).toList());
    assertEquals(List.of(4.0, 12.0, 36.0, 108.0),
        new Ladder(Budget.param("numTrees", 108, 108), 4, 3).budgets().stream().map(Budget::amount).toList());
  }

  @Test
  void fractionsStartAtTheSmallestRungAboveTheMinimum() {
    Ladder l = new Ladder(Budget.dataFraction(1.0, 1.0), 0.04, 3);
    assertEquals(2, l.topRung());
    assertEquals(1.0 / 9, l.at(0).amount(), 1e-12);
    assertEquals(1.0 / 3, l.at(1).amount(), 1e-12);
    assertEquals(Budget.dataFraction(1.0, 1.0), l.at(2));
    assertEquals(List.of(false, false, true), l.budgets().stream().map(Budget::isFull).toList());
  }

  @Test
  void wholeKindsAreRoundedAndFifoHasOneRung() {
    assertEquals(List.of(1.0, 3.0), new Ladder(Budget.folds(3, 3), 1, 3).budgets().stream().map(Budget::amount).toList());
    assertEquals(List.of(Budget.full()), Ladder.full().budgets());
  }

  @Test
  void refusesBadArguments() {
    assertThrows(IllegalArgumentException.class, () -> new Ladder(Budget.dataFraction(1, 1), 0.1, 1));
    assertThrows(IllegalArgumentException.class, () -> new Ladder(Budget.dataFraction(0.5, 0.5), 0.6, 3));
    assertThrows(IllegalArgumentException.class, () -> Budget.param("", 3, 9));
    assertThrows(IllegalArgumentException.class, () -> Budget.dataFraction(0.5, 1.5));
    assertThrows(IllegalArgumentException.class, () -> Budget.folds(4, 3));
  }
}
