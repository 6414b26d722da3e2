package dev.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Running the same command again on the same output directory, through the CLI entry point in
 * this JVM's shared Spark session: the journal is continued, a different study is refused (exit
 * 2) and a held lock stops the second driver (exit 5). Both refusals come before any trial
 * runs, so only two runs here fit models; the other modes are in {@link ResumeOpenTest}.
 */
@Tag("spark")
class ResumeTest {

  @BeforeAll
  static void spark() {
    SparkTestSession.get();
  }

  private static MainRun run(Path out, String... overrides) {
    List<String> args = new ArrayList<>(List.of(
        "sparktune.name=resume",
        "sparktune.data.path=" + SparkTestSession.data("spambase/spambase.libsvm"),
        "sparktune.model.estimator=logistic-regression",
        "sparktune.model.fixed.maxIter=5",
        "sparktune.space.regParam={type=float, low=1e-4, high=1.0, log=true}",
        "sparktune.metric=areaUnderROC",
        "sparktune.search.parallelism=2",
        "sparktune.cv.folds=2",
        "sparktune.output.refit=false",
        "sparktune.output.dir=" + out.toUri()));
    args.addAll(Arrays.asList(overrides));
    return MainRun.of(args);
  }

  private static long journalLines(Path dir, String type) throws Exception {
    try (Stream<Path> files = Files.list(dir.resolve("journal"))) {
      return files.filter(p -> p.getFileName().toString().startsWith("segment-")).flatMap(p -> {
        try {
          return Files.readAllLines(p).stream();
        } catch (java.io.IOException ex) {
          throw new java.io.UncheckedIOException(ex);
        }
      }).filter(l -> l.contains("\"type\":\"" + type + "\"")).count();
    }
  }

  @Test
  void aSecondRunContinuesTheStudyAndRefusesAnotherOne(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("study");
    MainRun first = run(out, "sparktune.search.trials=2");
    assertEquals(0, first.code(), first.toString());
    assertEquals(2, journalLines(out, "finished"));
    assertTrue(Files.notExists(out.resolve("lease.json")), "the lock is released at the end");

    MainRun second = run(out, "sparktune.search.trials=3");
    assertEquals(0, second.code(), second.toString());
    assertTrue(second.out().contains(": 2 trials from 1 earlier run (2 completed)"), second.out());
    assertEquals(3, journalLines(out, "created"), "the two completed trials were not run again");
    assertEquals(4, Files.readAllLines(out.resolve("trials.csv")).size(), "header + 3 trials");

    MainRun changed = run(out, "sparktune.search.trials=6", "sparktune.metric=areaUnderPR");
    assertEquals(2, changed.code(), changed.toString());
    assertTrue(changed.err().contains("metric (was 'areaUnderROC', now 'areaUnderPR')") && changed.err().lines().count() == 1,
        changed.err());
    assertEquals(3, journalLines(out, "created"));

    Files.writeString(out.resolve("lease.json"), "{\"id\":\"x\",\"host\":\"elsewhere\",\"pid\":42,\"heartbeat\":\""
        + Instant.now() + "\"}\n");
    MainRun locked = run(out, "sparktune.search.trials=6");
    assertEquals(5, locked.code(), locked.toString());
    assertTrue(locked.err().contains("elsewhere (pid 42)"), locked.err());
    Files.delete(out.resolve("lease.json"));
  }
}
