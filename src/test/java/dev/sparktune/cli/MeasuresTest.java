package dev.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every built-in measure taken on real trials through the CLI: spark-cpu-seconds, model-size and
 * predict-latency as objectives, a constraint on fit-seconds, with nsga2 and one objective whose
 * direction is overridden.
 */
@Tag("spark")
class MeasuresTest {
  @TempDir Path dir;

  @Test
  void everyBuiltInMeasureIsTakenOnEveryTrial() throws Exception {
    SparkTestSession.get();
    Path out = dir.resolve("measures");
    Path conf = dir.resolve("measures.conf");
    Files.writeString(conf, """
        sparktune {
          name = measures
          data { path = "%s", format = libsvm }
          model { estimator = logistic-regression, fixed { maxIter = 10 } }
          space { regParam { type = float, low = 1e-3, high = 0.3, log = true }, elasticNetParam { type = float, low = 0, high = 1 } }
          metric = [areaUnderROC, spark-cpu-seconds, "model-size minimize", predict-latency]
          constraints = [fit-seconds < 600]
          cv.folds = 2
          search { sampler = nsga2, trials = 3, parallelism = 1 }
          output { dir = "%s", refit = false }
        }
        """.formatted(SparkTestSession.data("spambase/spambase.libsvm"), out.toUri()));
    MainRun r = MainRun.of(conf.toString());
    assertEquals(0, r.code(), r::toString);
    List<String> lines = Files.readAllLines(out.resolve("trials.csv"));
    List<String> header = List.of(lines.get(0).split(","));
    int cpu = header.indexOf("spark-cpu-seconds");
    int size = header.indexOf("model-size");
    int latency = header.indexOf("predict-latency");
    int fit = header.indexOf("fit-seconds");
    int feasible = header.indexOf("feasible");
    assertTrue(cpu > 0 && size > 0 && latency > 0 && fit > 0 && feasible > 0, header.toString());
    assertEquals(4, lines.size());
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.split(",", -1);
      assertTrue(Double.parseDouble(c[cpu]) > 0, line);
      // spambase has 57 features: at most 57 coefficients and the intercept.
      double s = Double.parseDouble(c[size]);
      assertTrue(s >= 1 && s <= 58, line);
      assertTrue(Double.parseDouble(c[latency]) > 0, line);
      assertTrue(Double.parseDouble(c[fit]) > 0, line);
      assertEquals("true", c[feasible], line);
    }
  }
}
