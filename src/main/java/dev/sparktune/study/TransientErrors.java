package dev.sparktune.study;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

/**
 * The rules of {@link ErrorClassifier} for the JVM's own failures, walking the cause chain, with
 * room for an engine's: the failure classes and message phrases an edge adds with {@link #plus}.
 *
 * <p>Transient: an I/O or connection error, a timeout, and whatever the engine adds (for Spark: an
 * executor or its node lost, a shuffle fetch failure, and a job aborted because of one of those).
 * Deterministic: everything else — a bad param combination, a singular matrix, a missing file —
 * and memory exhaustion above all (an {@code OutOfMemoryError}, a container killed for exceeding
 * its memory), because the same configuration on the same data asks for the same memory again.
 * Memory and cancellation are checked first, so an executor lost <em>because</em> it ran out of
 * memory is not retried. Phrases matter because a job aborted on a cluster's driver carries its
 * executors' failures only as text.
 */
public final class TransientErrors implements ErrorClassifier {
  /** Message phrases (compared ignoring case) of failures that recur: memory exhaustion. */
  private static final List<String> RECURRING = List.of("OutOfMemoryError", "Java heap space",
      "GC overhead limit exceeded", "exceeding memory limits", "exceeds memory limits", "OOMKilled",
      "possible container OOM");

  /**
   * Name fragments of I/O exceptions that are about the input, not the transport (a missing file,
   * a permission, malformed content), so they recur.
   */
  private static final List<String> RECURRING_IO = List.of("NotFound", "NoSuchFile", "AccessDenied",
      "AccessControl", "AlreadyExists", "NotDirectory", "Json", "CharacterCoding", "Malformed");

  /** The JVM's transient failures only: connections, I/O, timeouts. */
  public static final TransientErrors JVM = new TransientErrors(Map.of(), List.of(
      new Phrase("Connection refused", "connection error"),
      new Phrase("Connection reset", "connection error"),
      new Phrase("Broken pipe", "connection error"),
      new Phrase("Failed to connect to", "connection error"),
      // A task's own exception, as an aborted job's message quotes it.
      new Phrase("java.io.IOException", "I/O error"),
      new Phrase("java.net.", "connection error")));

  /** A phrase (compared ignoring case) of an error message → what it means, for the log line. */
  public record Phrase(String text, String kind) {}

  private final Map<Class<? extends Throwable>, String> classes;
  private final List<Phrase> phrases;

  private TransientErrors(Map<Class<? extends Throwable>, String> classes, List<Phrase> phrases) {
    this.classes = Map.copyOf(classes);
    this.phrases = List.copyOf(phrases);
  }

  /**
   * These rules and an engine's: exception classes (a subclass counts) that are transient, and
   * message phrases, checked before this one's (more specific: "FetchFailed" before "java.io.IOException").
   */
  public TransientErrors plus(Map<Class<? extends Throwable>, String> moreClasses, List<Phrase> morePhrases) {
    Map<Class<? extends Throwable>, String> c = new LinkedHashMap<>(classes);
    c.putAll(moreClasses);
    List<Phrase> p = new ArrayList<>(morePhrases);
    p.addAll(phrases);
    return new TransientErrors(c, p);
  }

  @Override
  public Optional<String> transientKind(Throwable error) {
    List<Throwable> chain = chain(error);
    for (Throwable t : chain) {
      // Any Error (out of memory, stack overflow, linkage) is the JVM's or the code's, not the network's.
      if (t instanceof Error || t instanceof InterruptedException || t instanceof CancellationException) {
        return Optional.empty();
      }
      if (contains(t.getMessage(), RECURRING)) return Optional.empty();
    }
    for (Throwable t : chain) {
      for (var c : classes.entrySet()) if (c.getKey().isInstance(t)) return Optional.of(c.getValue());
      if (t instanceof TimeoutException) return Optional.of("timeout");
      if (t instanceof IOException && !isRecurringIo(t)) {
        return Optional.of(t instanceof java.net.SocketException || t instanceof java.net.SocketTimeoutException
            || t instanceof java.net.UnknownHostException ? "connection error" : "I/O error");
      }
    }
    for (Throwable t : chain) {
      String m = lower(t.getMessage());
      for (Phrase p : phrases) if (m.contains(lower(p.text()))) return Optional.of(p.kind());
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

  private static boolean contains(String message, List<String> phrases) {
    String m = lower(message);
    for (String p : phrases) if (m.contains(lower(p))) return true;
    return false;
  }

  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(java.util.Locale.ROOT);
  }
}
