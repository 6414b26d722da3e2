package dev.sparktune.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Reads {@code sparktune.resume} and {@code sparktune.output.lock-timeout}, one line per problem. */
final class ResumeReader {
  /** Shorter than a few heartbeats would take a live driver's lease on one long GC pause. */
  private static final Duration MIN_LOCK_TIMEOUT = Duration.ofSeconds(10);

  private ResumeReader() {}

  static ResumeSettings read(ValueReader r) {
    List<String> names = Arrays.stream(ResumeSettings.Mode.values()).map(ResumeSettings.Mode::configName).toList();
    String mode = r.oneOf("sparktune.resume", names);
    ResumeSettings.Mode m = Arrays.stream(ResumeSettings.Mode.values())
        .filter(x -> x.configName().equals(mode)).findFirst().orElse(ResumeSettings.Mode.AUTO);
    Duration timeout = r.read("sparktune.output.lock-timeout", "a duration >= 10s such as 2m",
        v -> Scalars.duration(v).filter(d -> d.compareTo(MIN_LOCK_TIMEOUT) >= 0)).orElse(Duration.ofMinutes(2));
    return new ResumeSettings(m, timeout);
  }
}
