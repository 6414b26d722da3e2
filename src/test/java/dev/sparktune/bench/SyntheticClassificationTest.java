package dev.sparktune.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The synthetic benchmark set: deterministic, well-formed libsvm, both classes well represented. */
class SyntheticClassificationTest {
  private static List<String> lines(int rows, long seed) throws IOException {
    StringBuilder sb = new StringBuilder();
    SyntheticClassification.write(sb, rows, seed);
    return sb.toString().lines().toList();
  }

  @Test
  void sameRowsAndSeedWriteTheSameFileAndAnotherSeedAnother() throws IOException {
    assertEquals(lines(500, 1), lines(500, 1));
    assertNotEquals(lines(500, 1), lines(500, 2));
  }

  @Test
  void everyRowIsALabelAndAllFeaturesInOrder() throws IOException {
    List<String> rows = lines(2000, 42);
    assertEquals(2000, rows.size());
    long positives = 0;
    for (String row : rows) {
      String[] f = row.split(" ");
      assertTrue(f[0].equals("0") || f[0].equals("1"), row);
      positives += f[0].equals("1") ? 1 : 0;
      assertEquals(1 + SyntheticClassification.FEATURES, f.length, row);
      for (int j = 1; j < f.length; j++) assertTrue(f[j].startsWith(j + ":"), row);
    }
    // Neither class rare: AUC differences between models then reflect the structure they catch.
    assertTrue(positives > 600 && positives < 1400, positives + " positives of 2000");
  }

  @Test
  void theLabelFollowsTheSignalNotJustTheNoise() throws IOException {
    // With the noise and flips, the noiseless score still orders the labels far better than chance.
    int agree = 0;
    List<String> rows = lines(4000, 7);
    for (String row : rows) {
      String[] f = row.split(" ");
      double[] x = new double[SyntheticClassification.FEATURES];
      for (int j = 0; j < x.length; j++) x[j] = Double.parseDouble(f[j + 1].substring(f[j + 1].indexOf(':') + 1));
      agree += (SyntheticClassification.score(x) > 0) == f[0].equals("1") ? 1 : 0;
    }
    double accuracy = agree / 4000.0;
    assertTrue(accuracy > 0.75 && accuracy < 0.95, "the true score's accuracy " + accuracy);
  }
}
