package dev.sparktune.bench;

import dev.sparktune.engine.SparkSessions;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntBiFunction;
import org.apache.spark.sql.SparkSession;

/**
 * The shared {@code main} of the Spark benchmarks: parse the options (exit 2 with a one-line
 * message on a bad one, print the usage on {@code --help}), run in one local-mode session with
 * the UI off, stop the session even when the run throws, and exit with the run's code.
 */
final class BenchMain {
  private BenchMain() {}

  /**
   * @param parse the options, or null for {@code --help}; throws IllegalArgumentException on a bad option
   * @param run the benchmark; returns the exit code
   */
  static <O> void run(String name, String appName, String[] args, Function<String[], O> parse,
      Supplier<String> usage, ToIntBiFunction<SparkSession, O> run) {
    O o;
    try {
      o = parse.apply(args);
    } catch (IllegalArgumentException e) {
      System.err.println(name + ": " + e.getMessage());
      System.exit(2);
      return;
    }
    if (o == null) {
      System.out.print(usage.get());
      return;
    }
    SparkSession spark = SparkSessions.getOrCreate(appName, false);
    int code;
    try {
      code = run.applyAsInt(spark, o);
    } finally {
      spark.stop();
    }
    System.exit(code);
  }
}
