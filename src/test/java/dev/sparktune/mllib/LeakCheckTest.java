package dev.sparktune.mllib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The likely-leak threshold, metric by metric: an error below 1e-3 of the label's standard deviation. */
class LeakCheckTest {
  private static boolean flagged(String metric, double value, double std) {
    return LeakCheck.regression(metric, value, std).isPresent();
  }

  @Test
  void errorsBelowAThousandthOfTheSpreadAreFlagged() {
    assertTrue(flagged("rmse", 0.09, 100));
    assertTrue(!flagged("rmse", 0.11, 100));
    assertTrue(flagged("mae", 0.0, 5));
    assertTrue(flagged("mse", 0.0099, 100));    // √ = 0.0995
    assertTrue(!flagged("mse", 0.0101, 100));   // √ = 0.1005
    assertTrue(flagged("r2", 1 - 0.9e-6, 3));
    assertTrue(!flagged("r2", 1 - 1.1e-6, 3));
    assertTrue(!flagged("r2", 0.8, 3));
  }

  @Test
  void undecidableCasesAreNotFlagged() {
    assertEquals(Optional.empty(), LeakCheck.regression("var", 1.0, 1.0));   // explained variance: no error scale
    assertEquals(Optional.empty(), LeakCheck.regression("rmse", 0.0, 0.0));  // a constant label
    assertEquals(Optional.empty(), LeakCheck.regression("rmse", 0.0, Double.NaN));
    assertEquals(Optional.empty(), LeakCheck.regression("rmse", Double.NaN, 1.0));
  }

  @Test
  void theWarningIsOneLineNamingTheMetricAndWhatToCheck() {
    String w = LeakCheck.regression("rmse", 1.5e-7, 115_000).orElseThrow();
    assertEquals("likely leak: the cross-validated rmse = 1.50000e-07 means an error below 0.001 of the label's "
        + "standard deviation (115000); a feature probably holds the label or is computed from it: check "
        + "sparktune.data.features and sparktune.data.exclude", w);
  }
}
