package dev.sparktune.config;

import com.typesafe.config.ConfigOrigin;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects every configuration problem so that one run reports all of them, then throws a single
 * {@link ConfigError}. Each problem is one line, {@code <origin>: <key.path>: <detail>}, where the
 * detail is usually {@code expected <what>, got <value>}.
 */
final class Problems {
  private final List<String> lines = new ArrayList<>();

  /** Records {@code <origin>: <path>: expected <expected>, got <got>}. */
  void expected(ConfigOrigin origin, String path, String expected, String got) {
    add(origin, path, "expected " + expected + ", got " + got);
  }

  /** Records {@code <origin>: <path>: <detail>}. */
  void add(ConfigOrigin origin, String path, String detail) {
    addLine(Origins.where(origin) + ": " + path + ": " + detail);
  }

  /** Records a line that already carries its own origin. */
  void addLine(String line) {
    lines.add(Echo.line(oneLine(line)));
  }

  boolean isEmpty() {
    return lines.isEmpty();
  }

  int size() {
    return lines.size();
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  /**
   * Throws one ConfigError whose message is the first problem and, on the same line, the rest:
   * {@code first (and 2 more: second; third)}. The CLI prints exactly one line.
   *
   * @throws ConfigError if any problem was recorded
   */
  void throwIfAny() {
    if (lines.isEmpty()) return;
    StringBuilder message = new StringBuilder(lines.get(0));
    if (lines.size() > 1) {
      message.append(" (and ").append(lines.size() - 1).append(" more: ");
      message.append(String.join("; ", lines.subList(1, lines.size()))).append(')');
    }
    throw new ConfigError(Echo.line(message.toString()));
  }

  /** Collapses line breaks (from rendered values or Typesafe messages) so a problem stays one line. */
  static String oneLine(String text) {
    return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
  }
}
