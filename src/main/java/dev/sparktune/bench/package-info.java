/**
 * Benchmarks that run sparktune against MLlib's own tuning in one process, on the same data, the
 * same folds and the same grid, and print wall times, scores and slot utilization side by side.
 * They sit at the Spark edge and are run by {@code submit/benchmark}, not by the CLI.
 */
package dev.sparktune.bench;
