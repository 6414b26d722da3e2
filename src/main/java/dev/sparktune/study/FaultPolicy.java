package dev.sparktune.study;

import java.time.Duration;
import java.util.Optional;

/**
 * How the study loop treats a trial that runs too long or fails.
 *
 * @param trialTimeout an attempt running longer than this on the study's clock is cancelled
 *     through {@code Objective.cancel} and the trial recorded TIMEOUT; empty = no limit. Each
 *     retry gets the full time again.
 * @param retries how many times a trial is evaluated again after a transient error (lost executor,
 *     fetch failure, I/O): same number, params and budget. Deterministic errors are never retried.
 * @param transients which errors are transient: the JVM's by default, an engine's added at the edge
 */
public record FaultPolicy(Optional<Duration> trialTimeout, int retries, ErrorClassifier transients) {
  /** No timeout, no retries: every error fails its trial at once. */
  public static final FaultPolicy NONE = new FaultPolicy(Optional.empty(), 0);

  /** Transient errors as the JVM knows them ({@link TransientErrors#JVM}). */
  public FaultPolicy(Optional<Duration> trialTimeout, int retries) {
    this(trialTimeout, retries, TransientErrors.JVM);
  }

  /** @throws IllegalArgumentException if the timeout is not positive or retries is negative */
  public FaultPolicy {
    if (trialTimeout.filter(d -> d.isNegative() || d.isZero()).isPresent()) {
      throw new IllegalArgumentException("trial timeout must be > 0, got " + trialTimeout.get());
    }
    if (retries < 0) throw new IllegalArgumentException("retries must be >= 0, got " + retries);
    java.util.Objects.requireNonNull(transients, "transients");
  }
}
