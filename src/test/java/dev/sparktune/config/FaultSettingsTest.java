package dev.sparktune.config;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code sparktune.search.trial-timeout} and {@code retries}: defaults, values, one-line errors. */
class FaultSettingsTest {
  @TempDir Path dir;

  private Settings.Search load(String... overrides) throws IOException {
    Path file = dir.resolve("job.conf");
    Files.writeString(file, """
        sparktune {
          data.path = "data/x.libsvm"
          model.estimator = logistic-regression
          space { regParam { type = float, low = 0.001, high = 1, log = true } }
        }
        """);
    return SettingsLoader.load(Optional.of(file), List.of(overrides)).search();
  }

  @Test
  void noTimeoutAndOneRetryByDefault() throws IOException {
    Settings.Search s = load();
    assertEquals(Optional.empty(), s.trialTimeout());
    assertEquals(1, s.retries());
  }

  @Test
  void readsATimeoutAndRetries() throws IOException {
    Settings.Search s = load("sparktune.search.trial-timeout=10m", "sparktune.search.retries=0");
    assertEquals(Optional.of(Duration.ofMinutes(10)), s.trialTimeout());
    assertEquals(0, s.retries());
    assertEquals(Optional.empty(), load("sparktune.search.trial-timeout=none").trialTimeout());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "sparktune.search.retries=-1 | sparktune.search.retries: expected an integer >= 0, got -1",
      "sparktune.search.retries=two | sparktune.search.retries: expected an integer >= 0, got 'two'",
      "sparktune.search.trial-timeout=10 | sparktune.search.trial-timeout: expected a duration > 0 such as 30m, 2h or 90s, or none, got 10",
      "sparktune.search.trial-timeout=0s | sparktune.search.trial-timeout: expected a duration > 0 such as 30m, 2h or 90s, or none, got '0s'",
      "sparktune.search.trial-timeout=soon | sparktune.search.trial-timeout: expected a duration > 0 such as 30m, 2h or 90s, or none, got 'soon'"})
  void badValuesAreOneLineNamingTheKey(String override, String expected) {
    ConfigError e = assertThrows(ConfigError.class, () -> load(override));
    assertEquals("command line: " + expected, e.getMessage());
  }
}
