package dev.sparktune.study;

import java.util.Optional;

/**
 * Tells an evaluation error that a rerun of the same trial may well not meet again (transient:
 * retried under {@code sparktune.search.retries}) from one it would meet again (deterministic: the
 * trial fails at once). The core knows the JVM's failures ({@link TransientErrors#JVM}); the edge
 * that runs trials on an engine adds that engine's (Spark's lost executors and shuffle fetch
 * failures, in {@code engine/SparkFailures}).
 */
@FunctionalInterface
public interface ErrorClassifier {
  /** What kind of transient error {@code error} is ("lost executor", "I/O error", ...), or empty when a rerun would fail again. */
  Optional<String> transientKind(Throwable error);
}
