package dev.sparktune.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sparktune.study.TransientErrors;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.spark.SparkException;
import org.apache.spark.ml.optim.SingularMatrixException;
import org.apache.spark.shuffle.FetchFailedException;
import org.apache.spark.storage.BlockManagerId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spark's transient failures over the shapes errors reach the driver in: Spark's own exception
 * classes, a job aborted with its executors' failures as text, and the wrapping a fold thread adds.
 */
class SparkFailuresTest {
  private static final String ABORTED = "Job aborted due to stage failure: Task 3 in stage 12.0 failed 4 times, most "
      + "recent failure: Lost task 3.3 in stage 12.0 (TID 57) (10.0.4.17 executor 6): ";

  static Stream<Arguments> errors() {
    return Stream.of(
        // Transient: the same trial may well succeed when run again.
        Arguments.of(new SparkException(ABORTED + "ExecutorLostFailure (executor 6 exited caused by one of the "
            + "running tasks) Reason: Remote RPC client disassociated. Likely due to containers exceeding "
            + "thresholds, or network issues."), "lost executor"),
        Arguments.of(new SparkException(ABORTED + "FetchFailed(BlockManagerId(2, 10.0.4.9, 7337, None), "
            + "shuffleId=3, mapIndex=1, mapId=77, reduceId=0, message=\norg.apache.spark.shuffle."
            + "FetchFailedException: Failed to connect to /10.0.4.9:7337"), "shuffle fetch failure"),
        Arguments.of(new FetchFailedException(BlockManagerId.apply("2", "10.0.4.9", 7337, scala.Option.empty()),
            3, 77L, 1, 0, "Connection reset by peer", new IOException("Connection reset by peer")),
            "shuffle fetch failure"),
        Arguments.of(new SparkException(ABORTED + "java.io.IOException: Connection reset by peer"), "connection error"),
        Arguments.of(new SparkException(ABORTED + "java.io.IOException: Stream is corrupted"), "I/O error"),
        Arguments.of(new IOException("Filesystem closed"), "I/O error"),
        Arguments.of(new ExecutionException(new UncheckedIOException(new IOException("Stream closed"))), "I/O error"),
        Arguments.of(new SparkException("Exception thrown in awaitResult: ", new ConnectException("Connection refused")),
            "connection error"),
        Arguments.of(new SparkException("Job 14 cancelled because executor heartbeat timed out"), "lost executor"),

        // Deterministic: a rerun fails the same way, so it fails at once.
        Arguments.of(new IllegalArgumentException("LogisticRegression_3f2a parameter elasticNetParam given invalid "
            + "value 1.5."), null),
        Arguments.of(new SingularMatrixException("Matrix is singular, please check the input"), null),
        Arguments.of(new SparkException(ABORTED + "breeze.linalg.MatrixSingularException: "), null),
        Arguments.of(new OutOfMemoryError("Java heap space"), null),
        Arguments.of(new ExecutionException(new OutOfMemoryError("Java heap space")), null),
        Arguments.of(new SparkException(ABORTED + "java.lang.OutOfMemoryError: Java heap space"), null),
        // An executor lost because it ran out of memory will run out again.
        Arguments.of(new SparkException(ABORTED + "ExecutorLostFailure (executor 6 exited caused by one of the "
            + "running tasks) Reason: Container killed by YARN for exceeding memory limits. 9.1 GB of 9 GB "
            + "physical memory used."), null),
        Arguments.of(new FileNotFoundException("/data/spam/2026-11-29/part-0.parquet (No such file or directory)"),
            null),
        Arguments.of(new SparkException("Job 9 cancelled part of cancelled job group sparktune-trial-4"), null),
        Arguments.of(new CancellationException("trial 4 cancelled"), null),
        Arguments.of(new IllegalStateException("areaUnderROC is NaN on fold 2/3"), null));
  }

  @Test
  void theJvmRulesAloneDoNotKnowSparksFailures() {
    SparkException lost = new SparkException(ABORTED + "ExecutorLostFailure (executor 6 exited)");
    assertEquals(Optional.empty(), TransientErrors.JVM.transientKind(lost));
    assertEquals(Optional.of("lost executor"), SparkFailures.TRANSIENT.transientKind(lost));
  }

  @ParameterizedTest
  @MethodSource("errors")
  void classifiesByTheCauseChain(Throwable error, String kind) {
    assertEquals(Optional.ofNullable(kind), SparkFailures.TRANSIENT.transientKind(error), error.toString());
  }
}
