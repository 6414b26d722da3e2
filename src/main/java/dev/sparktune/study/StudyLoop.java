package dev.sparktune.study;

import dev.sparktune.objective.Objective;
import dev.sparktune.objective.TrialContext;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The driver behind {@link Study#optimize}: keeps up to {@code parallelism} trials in flight and
 * asks the study's scheduler for the next one the moment any finishes (no barrier between trials
 * unless the scheduler asks to wait, as synchronous halving does). Only this thread asks and
 * tells, so the scheduler and the sampler always see a consistent history; worker threads only
 * evaluate.
 */
final class StudyLoop {
  /** How long cancelled trials get to return before they are recorded as cancelled regardless. */
  private static final Duration CANCEL_GRACE = Duration.ofSeconds(10);
  /** Upper bound on one wait, so time-based rules are re-checked even while nothing finishes. */
  private static final long MAX_WAIT_MS = 200;

  private record Finished(int number, Outcome outcome) {}

  private final Study study;
  private final Objective objective;
  private final List<StopRule> rules;
  private final int parallelism;
  private final StudyListener listener;
  private final Map<Integer, Future<Finished>> running = new HashMap<>();
  private Instant start;

  StudyLoop(Study study, Objective objective, List<StopRule> rules, int parallelism, StudyListener listener) {
    this.study = study;
    this.objective = objective;
    this.rules = rules;
    this.parallelism = parallelism;
    this.listener = listener;
  }

  StudyResult run() {
    start = study.clock().instant();
    ExecutorService pool = Executors.newFixedThreadPool(parallelism, daemonThreads());
    CompletionService<Finished> done = new ExecutorCompletionService<>(pool);
    String stopReason = null;
    try {
      while (true) {
        while (stopReason == null && running.size() < parallelism) {
          stopReason = firstFiring(false, false).orElse(null);
          if (stopReason == null) {
            Optional<String> noNew = firstFiring(false, true);
            Study.Step step = study.step(noNew.isPresent());
            if (step instanceof Study.Waiting) break;
            if (step instanceof Study.Done d) stopReason = noNew.orElse(d.reason());
            else start(((Study.Started) step).trial(), done);
          }
          if (stopReason != null) listener.stopping(stopReason, status());
        }
        if (running.isEmpty()) {
          // A scheduler that waits with nothing running would wait forever.
          if (stopReason == null) stopReason = study.scheduler().name() + " has nothing to run";
          break;
        }
        Future<Finished> f = done.poll(MAX_WAIT_MS, TimeUnit.MILLISECONDS);
        if (f != null) {
          record(f.get());
        } else if (firstFiring(true, false).isPresent()) {
          stopReason = firstFiring(true, false).get();
          listener.stopping(stopReason, status());
          cancelRunning(done, stopReason);
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopReason = "interrupted";
      cancelRunning(done, stopReason);
    } catch (java.util.concurrent.ExecutionException e) {
      // evaluate() catches everything, so this is a bug in the loop itself.
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return new StudyResult(stopReason, study.trials(), study.best(), Duration.between(start, study.clock().instant()));
  }

  /** Submits {@code t}; its context (known folds, fold monitor) is built here, on the loop's thread. */
  private void start(Trial t, CompletionService<Finished> done) {
    TrialContext ctx = study.context(t);
    running.put(t.number(), done.submit(() -> evaluate(t, ctx)));
    listener.trialStarted(t, status());
  }

  private Finished evaluate(Trial t, TrialContext ctx) {
    Outcome outcome;
    try {
      outcome = objective.evaluate(t.assignment(), ctx);
      if (outcome == null) outcome = new Outcome.Failed("objective returned no outcome");
    } catch (Throwable e) {
      outcome = Outcome.failed(e);
    }
    return new Finished(t.number(), outcome);
  }

  private void record(Finished f) {
    running.remove(f.number());
    Trial t = study.tell(f.number(), f.outcome());
    listener.trialFinished(t, status());
  }

  /**
   * Asks the objective to cancel every running trial and waits a grace period for them to return;
   * a trial that completes (or is pruned) anyway keeps its result, the rest are failed as cancelled.
   */
  private void cancelRunning(CompletionService<Finished> done, String reason) {
    for (int n : running.keySet()) objective.cancel(n);
    long deadline = System.nanoTime() + CANCEL_GRACE.toNanos();
    while (!running.isEmpty() && System.nanoTime() < deadline) {
      try {
        Future<Finished> f = done.poll(MAX_WAIT_MS, TimeUnit.MILLISECONDS);
        if (f == null) continue;
        Finished r = f.get();
        record(r.outcome() instanceof Outcome.Failed ? new Finished(r.number(), new Outcome.Failed("cancelled: " + reason)) : r);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }
    for (var e : List.copyOf(running.entrySet())) {
      e.getValue().cancel(true);
      record(new Finished(e.getKey(), new Outcome.Failed("cancelled: " + reason)));
    }
  }

  /**
   * @param onlyCancelling only rules that also cancel running trials
   * @param newConfigurations rules that stop only new configurations (true) or everything (false)
   */
  private Optional<String> firstFiring(boolean onlyCancelling, boolean newConfigurations) {
    StudyStatus s = status();
    for (StopRule r : rules) {
      if (onlyCancelling && !r.cancelsRunning()) continue;
      if (r.onlyStopsNewConfigurations() != newConfigurations) continue;
      Optional<String> why = r.check(s);
      if (why.isPresent()) return why;
    }
    return Optional.empty();
  }

  private StudyStatus status() {
    return study.status(start);
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "sparktune-trial-" + n.getAndIncrement());
      t.setDaemon(true);
      return t;
    };
  }
}
