package dev.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.engine.ResultsDir;
import dev.sparktune.report.ReportData;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.space.FloatParam;
import dev.sparktune.trial.Direction;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveReportTest {
  @TempDir Path dir;

  private static ReportData data(String name, Optional<ReportData.End> end) {
    return new ReportData(name, "rmse", Direction.MINIMIZE, "linear-regression", 3,
        SearchSpace.of(FloatParam.of("regParam", 0, 1)), List.of(), Map.of(), end, Instant.EPOCH);
  }

  @Test
  void refreshesOffTheCallersThreadAtMostEveryIntervalAndWritesTheEndLast() throws Exception {
    ResultsDir results = new ResultsDir(dir.toUri().toString(), new Configuration());
    AtomicInteger builds = new AtomicInteger();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    LiveReport live = new LiveReport(results, () -> data("live-" + builds.incrementAndGet(), Optional.empty()),
        Duration.ZERO, new PrintStream(log, true));
    live.trialFinished();
    live.close();   // waits for the refresh under way
    assertEquals(1, builds.get());
    assertTrue(Files.readString(dir.resolve("report.html")).contains("\"name\":\"live-1\""));

    // an hour between refreshes: trials finishing now write nothing
    AtomicInteger none = new AtomicInteger();
    LiveReport slow = new LiveReport(results, () -> data("never-" + none.incrementAndGet(), Optional.empty()),
        Duration.ofHours(1), new PrintStream(log, true));
    for (int i = 0; i < 5; i++) slow.trialFinished();
    slow.finish(data("final", Optional.of(new ReportData.End("reached 5 trials", OptionalDouble.empty(), 3.5))));
    assertEquals(0, none.get(), "no refresh within the interval");
    String html = Files.readString(dir.resolve("report.html"));
    assertTrue(html.contains("\"name\":\"final\"") && html.contains("\"stop\":\"reached 5 trials\""), "the end is written");
    assertFalse(Files.exists(dir.resolve(".report.html.tmp")), "written under a temporary name, then renamed");
    assertEquals("", log.toString());
  }
}
