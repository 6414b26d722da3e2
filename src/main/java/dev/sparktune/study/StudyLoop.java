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
 * starts the next one the moment any finishes (no barrier between trials). Only this thread asks
 * and tells, so the sampler always sees a consistent history; worker threads only evaluate.
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
          stopReason = firstFiring(false).orElse(null);
          if (stopReason == null && !startNext(done)) stopReason = "the sampler has no more configurations";
          if (stopReason != null) listener.stopping(stopReason, status());
        }
        if (running.isEmpty()) break;
        Future<Finished> f = done.poll(MAX_WAIT_MS, TimeUnit.MILLISECONDS);
        if (f != null) {
          record(f.get());
        } else if (firstFiring(true).isPresent()) {
          stopReason = firstFiring(true).get();
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

  /** Asks for the next trial and starts it; false if the sampler has nothing left. */
  private boolean startNext(CompletionService<Finished> done) {
    Optional<Trial> next = study.ask();
    if (next.isEmpty()) return false;
    Trial t = next.get();
    running.put(t.number(), done.submit(() -> evaluate(t)));
    listener.trialStarted(t, status());
    return true;
  }

  private Finished evaluate(Trial t) {
    Outcome outcome;
    try {
      outcome = objective.evaluate(t.assignment(), new TrialContext(t.number(), t.budget()));
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
   * a trial that completes anyway keeps its score, the rest are failed as cancelled.
   */
  private void cancelRunning(CompletionService<Finished> done, String reason) {
    for (int n : running.keySet()) objective.cancel(n);
    long deadline = System.nanoTime() + CANCEL_GRACE.toNanos();
    while (!running.isEmpty() && System.nanoTime() < deadline) {
      try {
        Future<Finished> f = done.poll(MAX_WAIT_MS, TimeUnit.MILLISECONDS);
        if (f == null) continue;
        Finished r = f.get();
        record(r.outcome() instanceof Outcome.Completed ? r : new Finished(r.number(), new Outcome.Failed("cancelled: " + reason)));
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

  private Optional<String> firstFiring(boolean onlyCancelling) {
    StudyStatus s = status();
    for (StopRule r : rules) {
      if (onlyCancelling && !r.cancelsRunning()) continue;
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
