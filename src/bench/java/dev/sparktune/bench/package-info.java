/**
 * Benchmarks: sparktune against MLlib's own tuning in one process (same data, folds and grid),
 * successive halving against CrossValidator, sampler quality on analytic functions and
 * sparktune's own overhead. Test sources, not in the application jar: the
 * {@code submit/*benchmark} scripts compile them against it and run them. They may import
 * anything in sparktune and Spark.
 */
package dev.sparktune.bench;
