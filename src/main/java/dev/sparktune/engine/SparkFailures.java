package dev.sparktune.engine;

import dev.sparktune.study.ErrorClassifier;
import dev.sparktune.study.TransientErrors;
import dev.sparktune.study.TransientErrors.Phrase;
import java.util.List;
import java.util.Map;
import org.apache.spark.ExecutorDeadException;
import org.apache.spark.network.client.ChunkFetchFailureException;
import org.apache.spark.shuffle.FetchFailedException;

/**
 * Spark's transient failures, added to the JVM's ({@link TransientErrors#JVM}): a lost executor or
 * node, a decommissioned executor, a shuffle fetch failure. On a cluster a job aborted on the
 * driver quotes its executors' failures only as text ({@code "Job aborted due to stage failure:
 * ... ExecutorLostFailure (executor 3 exited ...)"}), hence the phrases beside the classes.
 * ({@code FetchFailedException} and {@code ExecutorDeadException} are {@code private[spark]} in
 * Scala, which is public to Java; they have kept their names since Spark 2.)
 */
public final class SparkFailures {
  /** What counts as transient when trials run on Spark. */
  public static final ErrorClassifier TRANSIENT = TransientErrors.JVM.plus(
      Map.of(FetchFailedException.class, "shuffle fetch failure",
          ExecutorDeadException.class, "lost executor",
          ChunkFetchFailureException.class, "shuffle fetch failure"),
      List.of(new Phrase("ExecutorLostFailure", "lost executor"),
          new Phrase("Executor heartbeat timed out", "lost executor"),
          new Phrase("Remote RPC client disassociated", "lost executor"),
          new Phrase("lost node", "lost node"),
          new Phrase("decommission", "executor decommissioned"),
          new Phrase("FetchFailed", "shuffle fetch failure")));

  private SparkFailures() {}
}
