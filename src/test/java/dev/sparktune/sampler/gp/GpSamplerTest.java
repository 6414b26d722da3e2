package dev.sparktune.sampler.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.sampler.Rngs;
import dev.sparktune.sampler.SamplerTesting;
import dev.sparktune.space.Assignment;
import dev.sparktune.space.FloatParam;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Direction;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GpSamplerTest {
  private static final SearchSpace LINE = SearchSpace.of(FloatParam.of("x", 0, 1));

  @Test
  void posteriorInterpolatesTrainingPointsAndIsUnsureFarFromThem() {
    double[][] x = {{0.1}, {0.4}, {0.5}, {0.9}};
    double[] y = {1.0, -0.5, 0.2, 1.5};
    double[] theta = {Math.log(0.3), 0, Math.log(1e-6)};
    GaussianProcess gp = new GaussianProcess(x, y, theta);
    double[] out = new double[2];
    for (int i = 0; i < x.length; i++) {
      gp.predict(x[i], out);
      assertEquals(y[i], out[0], 1e-3);
      assertTrue(out[1] < 1e-2, () -> "sd at a training point " + out[1]);
    }
    gp.predict(new double[] {0.7}, out);
    assertTrue(out[1] > 0.1, () -> "sd between points " + out[1]);
  }

  @Test
  void fittedLengthscaleFollowsTheData() {
    // A slow function needs long lengthscales; one that wiggles fast needs short ones.
    double[][] x = new double[20][];
    double[] slow = new double[20];
    double[] fast = new double[20];
    for (int i = 0; i < 20; i++) {
      x[i] = new double[] {i / 19.0};
      slow[i] = x[i][0];
      fast[i] = Math.sin(40 * x[i][0]);
    }
    double slowL = GaussianProcess.fit(x, Surrogate.standardise(slow), 60)[0];
    double fastL = GaussianProcess.fit(x, Surrogate.standardise(fast), 60)[0];
    assertTrue(slowL > fastL + 1, () -> "log lengthscales: slow " + slowL + ", fast " + fastL);
  }

  @Test
  void findsTheMinimumOfAQuadraticQuickly() {
    var gp = new GpSampler(GpSettings.defaults(), 1);
    var store = SamplerTesting.run(gp, LINE, a -> Math.pow(SamplerTesting.x(a) - 0.7, 2), Direction.MINIMIZE, 20, 1);
    double best = store.trials().stream().mapToDouble(t -> Math.abs(SamplerTesting.x(t.assignment()) - 0.7)).min().orElseThrow();
    assertTrue(best < 0.01, () -> "closest " + best);
    var max = SamplerTesting.run(gp, LINE, a -> -Math.pow(SamplerTesting.x(a) - 0.7, 2), Direction.MAXIMIZE, 20, 1);
    double bestMax = max.trials().stream().mapToDouble(t -> Math.abs(SamplerTesting.x(t.assignment()) - 0.7)).min().orElseThrow();
    assertTrue(bestMax < 0.01, () -> "closest when maximising " + bestMax);
  }

  @Test
  void aRunningTrialIsBelievedSoTheSameStreamProposesElsewhere() {
    var gp = new GpSampler(GpSettings.defaults(), 2);
    var store = SamplerTesting.run(gp, LINE, a -> Math.pow(SamplerTesting.x(a) - 0.7, 2), Direction.MINIMIZE, 15, 2);
    Assignment first = gp.sample(LINE, store, Rngs.forTrial(2, 15)).orElseThrow();
    store.create(first, Budget.full(), Instant.EPOCH);
    Assignment second = gp.sample(LINE, store, Rngs.forTrial(2, 15)).orElseThrow();
    assertFalse(first.sameAs(second), () -> first + " proposed twice while it is running");
  }

  @Test
  void logExpectedImprovementIsMonotoneAndFinite() {
    double prev = Double.NEGATIVE_INFINITY;
    for (double z = -40; z <= 5; z += 0.5) {
      double h = ExpectedImprovement.logH(z);
      assertTrue(Double.isFinite(h) && h > prev, () -> "logH not increasing/finite near " + h);
      prev = h;
    }
  }
}
