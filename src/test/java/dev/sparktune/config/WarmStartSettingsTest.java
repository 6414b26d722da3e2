package dev.sparktune.config;

import static dev.sparktune.config.SpaceReaderTest.assertOneLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarmStartSettingsTest {
  private static final String BASE = """
      sparktune {
        data.path = "data/x.libsvm"
        model.estimator = logistic-regression
        space { regParam { type = float, low = 0.001, high = 1 } }
        output.dir = "hdfs:///tuning/today"
      }
      """;

  @TempDir Path dir;

  private Settings.WarmStart load(String... lines) throws IOException {
    Path file = dir.resolve("job.conf");
    Files.writeString(file, BASE + String.join("\n", lines) + "\n");
    return SettingsLoader.load(Optional.of(file), List.of()).warmStart();
  }

  @Test
  void isOffByDefaultWithTopTen() throws IOException {
    assertEquals(Settings.WarmStart.off(), load());
    assertEquals(Optional.empty(), load("sparktune.warm-start.from = \"  \"").from());
  }

  @Test
  void readsTheEarlierDirectoryAndTopK() throws IOException {
    Settings.WarmStart w = load("sparktune.warm-start { from = \"hdfs:///tuning/yesterday/\", top-k = 3 }");
    assertEquals(Optional.of("hdfs:///tuning/yesterday/"), w.from());
    assertEquals(3, w.topK());
  }

  @Test
  void mistakesAreOneLineNamingTheKey() {
    Path file = dir.resolve("job.conf");
    ConfigError k = assertThrows(ConfigError.class, () -> load("sparktune.warm-start.top-k = 0"));
    assertOneLine(k);
    assertEquals(file + ":7: sparktune.warm-start.top-k: expected an integer >= 1, got 0", k.getMessage());

    ConfigError own = assertThrows(ConfigError.class, () -> load("sparktune.warm-start.from = \"hdfs:///tuning/today/\""));
    assertOneLine(own);
    assertTrue(own.getMessage().startsWith(file + ":7: sparktune.warm-start.from: expected an earlier study's output "
        + "directory, got this study's own output.dir 'hdfs:///tuning/today/'"), own.getMessage());

    ConfigError local = assertThrows(ConfigError.class,
        () -> load("sparktune.output.dir = \"/tmp/out\"", "sparktune.warm-start.from = \"file:///tmp/out\""));
    assertTrue(local.getMessage().contains("sparktune.warm-start.from: expected an earlier study's"), local.getMessage());
  }

  @Test
  void theNightlyWarmExampleBorrowsFromThePreviousNightWhenToldWhere() {
    Path example = Path.of(System.getProperty("sparktune.project.dir", "."), "conf/examples/nightly-warm.conf");
    Settings s = SettingsLoader.load(Optional.of(example), List.of());
    assertEquals("tpe", s.search().sampler());
    assertEquals(5, s.warmStart().topK());
    // The first night has no previous one: without SPARKTUNE_PREVIOUS warm start is off.
    assertEquals(Optional.ofNullable(System.getenv("SPARKTUNE_PREVIOUS")).filter(p -> !p.isBlank()), s.warmStart().from());
    Settings yesterday = SettingsLoader.load(Optional.of(example), List.of("sparktune.warm-start.from=hdfs:///t/2026-11-28"));
    assertEquals(Optional.of("hdfs:///t/2026-11-28"), yesterday.warmStart().from());
  }

  @Test
  void unknownKeysUnderWarmStartAreRefused() {
    ConfigError e = assertThrows(ConfigError.class, () -> load("sparktune.warm-start.topk = 3"));
    assertOneLine(e);
    assertTrue(e.getMessage().contains("sparktune.warm-start.topk"), e.getMessage());
  }
}
