package dev.sparktune.config;

import static dev.sparktune.config.SpaceReaderTest.assertOneLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeSettingsTest {
  private static final String BASE = """
      sparktune {
        data.path = "data/x.libsvm"
        model.estimator = logistic-regression
        space { regParam { type = float, low = 0.001, high = 1 } }
      }
      """;

  @TempDir Path dir;

  private Settings.Resume load(String line) throws IOException {
    Path file = dir.resolve("job.conf");
    Files.writeString(file, BASE + line + "\n");
    return SettingsLoader.load(Optional.of(file), List.of()).resume();
  }

  @Test
  void defaultsToAutoWithATwoMinuteLock() throws IOException {
    assertEquals(new Settings.Resume(Settings.Resume.Mode.AUTO, Duration.ofMinutes(2)), load(""));
  }

  @Test
  void readsEveryModeAndTheTimeout() throws IOException {
    assertEquals(Settings.Resume.Mode.WARM_START, load("sparktune.resume = warm-start").mode());
    assertEquals(Settings.Resume.Mode.NEVER, load("sparktune.resume = never").mode());
    assertEquals(Duration.ofSeconds(30), load("sparktune.output.lock-timeout = 30s").lockTimeout());
  }

  @Test
  void mistakesAreOneLineNamingTheKey() {
    Path file = dir.resolve("job.conf");
    ConfigError e = assertThrows(ConfigError.class, () -> load("sparktune.resume = warmstart"));
    assertOneLine(e);
    assertEquals(file + ":6: sparktune.resume: expected one of auto|never|warm-start|recover, got 'warmstart'; did you mean 'warm-start'?",
        e.getMessage());
    ConfigError t = assertThrows(ConfigError.class, () -> load("sparktune.output.lock-timeout = 1s"));
    assertEquals(file + ":6: sparktune.output.lock-timeout: expected a duration >= 10s such as 2m, got '1s'", t.getMessage());
  }
}
