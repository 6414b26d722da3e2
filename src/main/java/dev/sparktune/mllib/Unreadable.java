package dev.sparktune.mllib;

import dev.sparktune.config.ConfigError;
import dev.sparktune.config.Echo;
import dev.sparktune.engine.SparkCompat;
import java.io.EOFException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  /** MLlib's libsvm parser: {@code require(current > previous, ...)} on zero-based indices. */
  private static final Pattern LIBSVM_ORDER = Pattern.compile(
      "indices should be one-based and in ascending order; found current=(-?\\d+), previous=(-?\\d+); line=\"(.*)\"",
      Pattern.DOTALL);
  /** Hadoop's decompressors, on a compressed file cut short (a copy that stopped, a full disk). */
  private static final String CUT_SHORT = "Unexpected end of input stream";

  private Unreadable() {}

  /**
   * The one-line error for {@code e} if reading {@code path} as {@code format} failed because of
   * what the file holds; empty if the failure may be the cluster's.
   */
  static Optional<ConfigError> explain(Exception e, String path, String format) {
    String where = "sparktune.data.path: ";
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      Matcher order = t instanceof IllegalArgumentException ? LIBSVM_ORDER.matcher(String.valueOf(t.getMessage()))
          : null;
      if (order != null && order.find()) {
        // Indices are shifted to zero-based before the check: index 0 reads as current=-1.
        long current = Long.parseLong(order.group(1)) + 1;
        long previous = Long.parseLong(order.group(2)) + 1;
        String problem = current < 1 ? "feature index " + current + " (indices start at 1)"
            : "feature index " + current + " after " + previous + " (indices must ascend)";
        return Optional.of(new ConfigError(where + "cannot read '" + Echo.of(path) + "' as libsvm: " + problem
            + " in the line \"" + Echo.of(order.group(3).strip()) + "\"; expected one-based, ascending indices", e));
      }
      if (t instanceof EOFException && String.valueOf(t.getMessage()).contains(CUT_SHORT)) {
        return Optional.of(new ConfigError(where + "'" + Echo.of(path) + "' ends early: a compressed file cut short ("
            + CUT_SHORT + "); expected a complete " + format + " file", e));
      }
      if (t instanceof NumberFormatException) {
        return Optional.of(new ConfigError(where + "cannot read '" + Echo.of(path) + "' as " + format + " (not a number: "
            + detail(t) + "); expected " + format + " data", e));
      }
      if (t instanceof SparkThrowable st && SparkCompat.condition(st) != null && CONDITIONS.contains(SparkCompat.condition(st))) {
        return Optional.of(new ConfigError(where + "cannot read '" + Echo.of(path) + "' as " + format + " (" + detail(root(t))
            + "); expected " + format + " data", e));
      }
    }
    // libsvm counts its features with a reduce, which has nothing to reduce when no line is a row.
    if (format.equals("libsvm") && String.valueOf(root(e).getMessage()).contains("empty collection")) {
      return Optional.of(new ConfigError(where + "no rows in '" + Echo.of(path) + "'; expected rows of libsvm data", e));
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
