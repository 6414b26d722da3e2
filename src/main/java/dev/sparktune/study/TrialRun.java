package dev.sparktune.study;

import dev.sparktune.objective.Objective;
import dev.sparktune.objective.TrialContext;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * One trial's evaluation on a worker thread: the objective is called again after a transient error
 * (up to {@link FaultPolicy#retries()} times), and each attempt is timed on the study's clock so
 * the loop, which owns the trial timeout, can see an attempt overrun it. The loop talks to a run
 * only through {@link #timeOut} and {@link #stop}; the run never touches the study.
 */
final class TrialRun implements Callable<TrialRun.Finished> {
  record Finished(int number, Outcome outcome) {}

  /** Hears that a trial is about to be evaluated again; called on the worker thread. */
  interface RetryListener {
    void retrying(Trial trial, int retry, int retries, String error);
  }

  private final Trial trial;
  private final TrialContext context;
  private final Objective objective;
  private final int retries;
  private final ErrorClassifier transients;
  private final Clock clock;
  private final RetryListener listener;
  private volatile Instant attemptStarted;
  private volatile Duration timedOut;
  private volatile long timedOutAtNanos;
  private volatile boolean stopped;

  TrialRun(Trial trial, TrialContext context, Objective objective, FaultPolicy faults, Clock clock,
      RetryListener listener) {
    this.trial = trial;
    this.context = context;
    this.objective = objective;
    this.retries = faults.retries();
    this.transients = faults.transients();
    this.clock = clock;
    this.listener = listener;
    this.attemptStarted = clock.instant();
  }

  @Override
  public Finished call() {
    Outcome outcome = null;
    for (int attempt = 0; outcome == null; attempt++) {
      attemptStarted = clock.instant();
      try {
        outcome = objective.evaluate(trial.assignment(), context);
        if (outcome == null) outcome = new Outcome.Failed("objective returned no outcome");
      } catch (Throwable e) {
        Optional<String> kind = transients.transientKind(e);
        Outcome.Failed failed = (Outcome.Failed) Outcome.failed(e);
        // Not once stopped (timeout, time limit): a cancel sent between attempts finds nothing to cancel.
        if (kind.isPresent() && attempt < retries && !stopped) {
          listener.retrying(trial, attempt + 1, retries, kind.get() + ": " + failed.error());
        } else {
          outcome = attempt == 0 ? failed : afterRetries(failed, attempt);
        }
      }
    }
    Duration limit = timedOut;
    // A result that arrived despite the cancel is kept: the work was done.
    boolean noResult = !(outcome instanceof Outcome.Completed || outcome instanceof Outcome.Pruned);
    return new Finished(trial.number(), limit != null && noResult ? new Outcome.TimedOut(limit) : outcome);
  }

  private static Outcome.Failed afterRetries(Outcome.Failed last, int retried) {
    return new Outcome.Failed(String.format(Locale.ROOT, "%s (after %d %s)", last.error(), retried,
        retried == 1 ? "retry" : "retries"));
  }

  int number() {
    return trial.number();
  }

  /** True when the current attempt has run for {@code limit} or longer by the study's clock. */
  boolean overran(Duration limit) {
    return timedOut == null && Duration.between(attemptStarted, clock.instant()).compareTo(limit) >= 0;
  }

  /** Marks the run timed out (its result becomes TIMEOUT) and stops further attempts; the caller cancels. */
  void timeOut(Duration limit) {
    timedOutAtNanos = System.nanoTime();
    timedOut = limit;
    stopped = true;
  }

  /** The timeout it overran, if {@link #timeOut} was called. */
  Optional<Duration> timedOut() {
    return Optional.ofNullable(timedOut);
  }

  /** Real nanoseconds since {@link #timeOut}: how long the cancel has had to take effect. */
  long nanosSinceTimeOut() {
    return System.nanoTime() - timedOutAtNanos;
  }

  /** No further attempts: the study is stopping. */
  void stop() {
    stopped = true;
  }
}
