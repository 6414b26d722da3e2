package dev.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.testing.SparkTestSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the quickstart the way the README tells a user to — {@code submit/tune} on the packaged
 * jar, in local mode — then checks every output file and loads the saved model to predict.
 */
@Tag("spark")
class QuickstartEndToEndIT {
  private static final Path PROJECT = Path.of(System.getProperty("sparktune.project.dir", ".")).toAbsolutePath();

  @TempDir Path out;

  private record Result(int code, String stdout, String stderr) {}

  private Result tune(String... args) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of(PROJECT.resolve("submit/tune").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(PROJECT.toFile());
    // Run the jar this build just packaged, with the project's own Spark, never a developer's install.
    String jar = System.getProperty("sparktune.app.jar");
    if (jar != null) pb.environment().put("SPARKTUNE_APP_JAR", jar);
    pb.environment().remove("SPARK_HOME");
    Path stdout = out.resolve("stdout.txt");
    Path stderr = out.resolve("stderr.txt");
    pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    Process p = pb.start();
    if (!p.waitFor(8, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("submit/tune did not finish in 8 minutes");
    }
    return new Result(p.exitValue(), Files.readString(stdout), Files.readString(stderr));
  }

  @Test
  void quickstartWritesResultsAndALoadableModel() throws Exception {
    Path dir = out.resolve("quickstart");
    Result r = tune("conf/examples/quickstart.conf", "sparktune.search.trials=6",
        "sparktune.output.dir=" + dir);
    assertEquals(0, r.code(), r.stdout() + r.stderr());
    assertTrue(r.stdout().contains("best: trial "), r.stdout());
    assertTrue(r.stdout().contains("test: areaUnderROC = "), r.stdout());
    assertTrue(r.stdout().contains("(trials.csv, best.json, config.conf, report.html, model/)"), r.stdout());
    assertTrue(Files.size(dir.resolve("report.html")) > 10_000, "the results line lists the report it wrote");

    List<String> trials = Files.readAllLines(dir.resolve("trials.csv"));
    assertEquals(7, trials.size(), String.join("\n", trials));
    assertTrue(trials.get(0).startsWith("number,state,config,rung,budget,elasticNetParam,regParam,areaUnderROC_fold1,"), trials.get(0));
    assertTrue(trials.stream().skip(1).allMatch(l -> l.contains(",COMPLETED,")), String.join("\n", trials));

    String best = Files.readString(dir.resolve("best.json"), StandardCharsets.UTF_8);
    assertTrue(best.contains("\"regParam\""), best);
    assertTrue(best.contains("\"test_metric\": 0."), best);
    assertTrue(best.contains("\"trials\": 6"), best);
    String config = Files.readString(dir.resolve("config.conf"));
    assertTrue(config.contains("spambase.libsvm"), config);
    assertTrue(config.contains("trials=6") || config.contains("trials = 6") || config.contains("\"trials\" : 6"), config);

    SparkSession spark = SparkTestSession.get();
    PipelineModel model = PipelineModel.load(dir.resolve("model").toString());
    assertInstanceOf(LogisticRegressionModel.class, model.stages()[0]);
    Dataset<Row> data = spark.read().format("libsvm").load(SparkTestSession.data("spambase/spambase.libsvm"));
    Dataset<Row> predicted = model.transform(data);
    assertEquals(data.count(), predicted.filter("prediction = 0.0 OR prediction = 1.0").count());
    double auc = new BinaryClassificationEvaluator().evaluate(predicted);
    assertTrue(auc > 0.9, "AUC of the refit model on spambase: " + auc);
  }

  @Test
  void badConfigThroughTheScriptIsOneLineAndExitCode2() throws Exception {
    Result r = tune("conf/examples/quickstart.conf", "sparktune.search.trails=3");
    assertEquals(2, r.code(), r.stdout() + r.stderr());
    List<String> lines = r.stderr().strip().lines().toList();
    assertEquals(1, lines.size(), r.stderr());
    assertTrue(lines.get(0).contains("sparktune.search.trails: unknown key; did you mean 'trials'?"), lines.get(0));
  }
}
