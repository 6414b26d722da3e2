package dev.sparktune.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Reads {@code sparktune.resume} and {@code sparktune.output.lock-timeout}, one line per problem. */
final class ResumeReader {
  /** Shorter than a few heartbeats would take a live driver's lease on one long GC pause. */
  private static final Duration MIN_LOCK_TIMEOUT = Duration.ofSeconds(10);

  private ResumeReader() {}

  static Settings.Resume read(ValueReader r) {
    List<String> names = Arrays.stream(Settings.Resume.Mode.values()).map(Settings.Resume.Mode::configName).toList();
    String mode = r.oneOf("sparktune.resume", names);
    Settings.Resume.Mode m = Arrays.stream(Settings.Resume.Mode.values())
        .filter(x -> x.configName().equals(mode)).findFirst().orElse(Settings.Resume.Mode.AUTO);
    Duration timeout = r.read("sparktune.output.lock-timeout", "a duration >= 10s such as 2m",
        v -> Scalars.duration(v).filter(d -> d.compareTo(MIN_LOCK_TIMEOUT) >= 0)).orElse(Duration.ofMinutes(2));
    return new Settings.Resume(m, timeout);
  }
}
