package dev.sparktune.trial;

import java.time.Duration;

/**
 * Durations the way a config file writes them ({@code 10m}, {@code 1h30m}, {@code 90s} shows as
 * {@code 1m30s}), since {@link Duration#toString()}'s {@code PT10M} reads badly in a log line.
 */
public final class DurationText {
  private DurationText() {}

  /** Whole hours, minutes and seconds, then milliseconds; sub-millisecond parts are dropped. */
  public static String of(Duration d) {
    if (d.isNegative()) return "-" + of(d.negated());
    long ms = d.toMillis();
    if (ms == 0) return "0s";
    StringBuilder sb = new StringBuilder();
    long h = ms / 3_600_000;
    long m = ms / 60_000 % 60;
    long s = ms / 1000 % 60;
    long rest = ms % 1000;
    if (h > 0) sb.append(h).append('h');
    if (m > 0) sb.append(m).append('m');
    if (s > 0) sb.append(s).append('s');
    if (rest > 0) sb.append(rest).append("ms");
    return sb.toString();
  }
}
