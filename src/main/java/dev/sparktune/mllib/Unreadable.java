package dev.sparktune.mllib;

import dev.sparktune.config.ConfigError;
import dev.sparktune.engine.SparkCompat;
import java.util.List;
import java.util.Optional;
import org.apache.spark.SparkThrowable;

/**
 * Tells a Spark failure that the input caused (a binary file read as libsvm, csv read as
 * parquet) from one the cluster caused (a lost executor, an unreachable namenode). The first is
 * bad input, exit 2 with one line naming {@code sparktune.data.path}; the second is left as it is
 * (exit 1: retrying may help), so only failures known to come from the bytes are converted.
 */
final class Unreadable {
  /** Spark's error conditions for files whose bytes are not in the format asked for. */
  private static final List<String> CONDITIONS = List.of("FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER",
      "FAILED_READ_FILE.PARQUET_COLUMN_DATA_TYPE_MISMATCH", "CANNOT_READ_FILE_FOOTER", "MALFORMED_RECORD_IN_PARSING",
      "UNABLE_TO_INFER_SCHEMA");
  private static final int MAX_DETAIL = 120;

  private Unreadable() {}

  /**
   * The one-line error for {@code e} if reading {@code path} as {@code format} failed because of
   * what the file holds; empty if the failure may be the cluster's.
   */
  static Optional<ConfigError> explain(Exception e, String path, String format) {
    String where = "sparktune.data.path: ";
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof NumberFormatException) {
        return Optional.of(new ConfigError(where + "cannot read '" + path + "' as " + format + " (not a number: "
            + detail(t) + "); expected " + format + " data", e));
      }
      if (t instanceof SparkThrowable st && SparkCompat.condition(st) != null && CONDITIONS.contains(SparkCompat.condition(st))) {
        return Optional.of(new ConfigError(where + "cannot read '" + path + "' as " + format + " (" + detail(root(t))
            + "); expected " + format + " data", e));
      }
    }
    // libsvm counts its features with a reduce, which has nothing to reduce when no line is a row.
    if (format.equals("libsvm") && String.valueOf(root(e).getMessage()).contains("empty collection")) {
      return Optional.of(new ConfigError(where + "no rows in '" + path + "'; expected rows of libsvm data", e));
    }
    return Optional.empty();
  }

  private static Throwable root(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t;
  }

  /** The message's first line, printable and short: a binary file puts raw bytes in it. */
  private static String detail(Throwable t) {
    String first = String.valueOf(t.getMessage()).strip().lines().findFirst().orElse("");
    StringBuilder b = new StringBuilder();
    first.codePoints().limit(MAX_DETAIL).forEach(c ->
        b.appendCodePoint(c >= 0x20 && c < 0x7f || Character.isLetterOrDigit(c) ? c : '?'));
    return b + (first.codePointCount(0, first.length()) > MAX_DETAIL ? "..." : "");
  }
}
