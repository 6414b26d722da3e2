package dev.sparktune.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {
  @Test
  void writesDurationsTheWayConfigFilesDo() {
    assertEquals("10m", DurationText.of(Duration.ofMinutes(10)));
    assertEquals("1m30s", DurationText.of(Duration.ofSeconds(90)));
    assertEquals("2h5s", DurationText.of(Duration.ofHours(2).plusSeconds(5)));
    assertEquals("1s500ms", DurationText.of(Duration.ofMillis(1500)));
    assertEquals("0s", DurationText.of(Duration.ofNanos(999)));
    assertEquals("-45s", DurationText.of(Duration.ofSeconds(-45)));
  }
}
