package dev.sparktune.study;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

/**
 * Tells an evaluation error that a rerun of the same trial may well not meet again (transient)
 * from one it would meet again (deterministic), by walking the cause chain.
 *
 * <p>Transient: an executor or its node lost, a shuffle fetch failure, an I/O or connection error,
 * an RPC timeout, and a Spark job aborted because of one of those. Deterministic: everything else
 * — a bad param combination, a singular matrix, a missing file — and memory exhaustion above all
 * (an {@code OutOfMemoryError}, a container killed for exceeding its memory), because the same
 * configuration on the same data asks for the same memory again. Memory and cancellation are
 * checked first, so an executor lost <em>because</em> it ran out of memory is not retried.
 *
 * <p>Plain Java: Spark's exception classes are recognised by name, and by the phrases of their
 * messages, because a job aborted on the driver carries its executors' failures only as text
 * ({@code "Job aborted due to stage failure: ... ExecutorLostFailure (executor 3 exited ...)"}).
 */
final class TransientErrors {
  /** Message phrases (compared ignoring case) of failures that recur: memory exhaustion. */
  private static final List<String> RECURRING = List.of("OutOfMemoryError", "Java heap space",
      "GC overhead limit exceeded", "exceeding memory limits", "exceeds memory limits", "OOMKilled",
      "possible container OOM");

  /** Phrase (compared ignoring case) → what it means, for the log line. */
  private static final List<String[]> PHRASES = List.of(
      new String[] {"ExecutorLostFailure", "lost executor"},
      new String[] {"Executor heartbeat timed out", "lost executor"},
      new String[] {"Remote RPC client disassociated", "lost executor"},
      new String[] {"lost node", "lost node"},
      new String[] {"decommission", "executor decommissioned"},
      new String[] {"FetchFailed", "shuffle fetch failure"},
      new String[] {"Connection refused", "connection error"},
      new String[] {"Connection reset", "connection error"},
      new String[] {"Broken pipe", "connection error"},
      new String[] {"Failed to connect to", "connection error"},
      // A task's own exception, as an aborted job's message quotes it.
      new String[] {"java.io.IOException", "I/O error"},
      new String[] {"java.net.", "connection error"});

  /** Spark classes, by name since the core does not link Spark, → what they mean. */
  private static final List<String[]> CLASSES = List.of(
      new String[] {"org.apache.spark.shuffle.FetchFailedException", "shuffle fetch failure"},
      new String[] {"org.apache.spark.ExecutorDeadException", "lost executor"},
      new String[] {"org.apache.spark.network.client.ChunkFetchFailureException", "shuffle fetch failure"});

  /**
   * Name fragments of I/O exceptions that are about the input, not the transport (a missing file,
   * a permission, malformed content), so they recur.
   */
  private static final List<String> RECURRING_IO = List.of("NotFound", "NoSuchFile", "AccessDenied",
      "AccessControl", "AlreadyExists", "NotDirectory", "Json", "CharacterCoding", "Malformed");

  private TransientErrors() {}

  /**
   * What kind of transient error {@code error} is ("lost executor", "I/O error", ...), or empty
   * when it is deterministic and a rerun would fail again.
   */
  static Optional<String> classify(Throwable error) {
    List<Throwable> chain = chain(error);
    for (Throwable t : chain) {
      // Any Error (out of memory, stack overflow, linkage) is the JVM's or the code's, not the network's.
      if (t instanceof Error || t instanceof InterruptedException || t instanceof CancellationException) {
        return Optional.empty();
      }
      if (contains(t.getMessage(), RECURRING)) return Optional.empty();
    }
    for (Throwable t : chain) {
      for (String[] c : CLASSES) if (isA(t, c[0])) return Optional.of(c[1]);
      if (t instanceof TimeoutException) return Optional.of("timeout");
      if (t instanceof IOException && !isRecurringIo(t)) {
        return Optional.of(t instanceof java.net.SocketException || t instanceof java.net.SocketTimeoutException
            || t instanceof java.net.UnknownHostException ? "connection error" : "I/O error");
      }
    }
    for (Throwable t : chain) {
      String m = lower(t.getMessage());
      for (String[] p : PHRASES) if (m.contains(lower(p[0]))) return Optional.of(p[1]);
    }
    return Optional.empty();
  }

  /** {@code error} and its causes, each once (a cause chain may loop). */
  private static List<Throwable> chain(Throwable error) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Throwable> out = new ArrayList<>();
    for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) out.add(t);
    return out;
  }

  private static boolean isRecurringIo(Throwable t) {
    for (Class<?> c = t.getClass(); c != IOException.class && c != null; c = c.getSuperclass()) {
      for (String fragment : RECURRING_IO) if (c.getSimpleName().contains(fragment)) return true;
    }
    return false;
  }

  /** True when {@code t}'s class or a superclass is named {@code className}. */
  private static boolean isA(Throwable t, String className) {
    for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
      if (c.getName().equals(className)) return true;
    }
    return false;
  }

  private static boolean contains(String message, List<String> phrases) {
    String m = lower(message);
    for (String p : phrases) if (m.contains(lower(p))) return true;
    return false;
  }

  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(java.util.Locale.ROOT);
  }
}
