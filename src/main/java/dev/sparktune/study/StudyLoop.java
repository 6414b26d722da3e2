package dev.sparktune.study;

import dev.sparktune.objective.Objective;
import dev.sparktune.study.TrialRun.Finished;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * The driver behind {@link Study#optimize}: keeps up to {@code parallelism} trials in flight and
 * asks the study's scheduler for the next one the moment any finishes (no barrier between trials
 * unless the scheduler asks to wait, as synchronous halving does). Only this thread asks and
 * tells, so the scheduler and the sampler always see a consistent history; worker threads only
 * evaluate (and retry transient errors, see {@link TrialRun}). The loop also enforces the trial
 * timeout, on the study's clock.
 */
final class StudyLoop {
  /** How long cancelled trials get to return before they are recorded as cancelled regardless. */
  private static final Duration CANCEL_GRACE = Duration.ofSeconds(10);
  /** Upper bound on one wait, so time-based rules and timeouts are re-checked while nothing finishes. */
  private static final long MAX_WAIT_MS = 200;

  /** A trial in flight: its run and the future of its result. */
  private record InFlight(TrialRun run, Future<Finished> future) {}

  /** A stop rule that fired, and why. */
  private record Fired(StopRule rule, String reason) {}

  private final Study study;
  private final Objective objective;
  private final List<StopRule> rules;
  private final IntSupplier parallelism;
  private final FaultPolicy faults;
  private final StudyListener listener;
  private final Map<Integer, InFlight> running = new HashMap<>();
  private Instant start;

  StudyLoop(Study study, Objective objective, List<StopRule> rules, IntSupplier parallelism, FaultPolicy faults,
      StudyListener listener) {
    this.study = study;
    this.objective = objective;
    this.rules = rules;
    this.parallelism = parallelism;
    this.faults = faults;
    this.listener = listener;
  }

  StudyResult run() {
    start = study.clock().instant();
    // Not a fixed pool: a trial that ignores its timeout's cancel keeps its thread, not a slot.
    ExecutorService pool = Executors.newCachedThreadPool(daemonThreads());
    CompletionService<Finished> done = new ExecutorCompletionService<>(pool);
    String stopReason = null;
    StopRule stoppedBy = null;
    try {
      while (true) {
        while (stopReason == null && running.size() < Math.max(1, parallelism.getAsInt())) {
          Optional<Fired> fired = firstFiring(false, false);
          if (fired.isEmpty()) {
            Optional<Fired> noNew = firstFiring(false, true);
            Study.Step step = study.step(noNew.isPresent());
            if (step instanceof Study.Waiting) break;
            if (step instanceof Study.Done d) fired = Optional.of(noNew.orElse(new Fired(null, d.reason())));
            else start(((Study.Started) step).trial(), done);
          }
          if (fired.isPresent()) {
            stopReason = fired.get().reason();
            stoppedBy = fired.get().rule();
            listener.stopping(stopReason, status());
          }
        }
        if (running.isEmpty()) {
          // A scheduler that waits with nothing running would wait forever.
          if (stopReason == null) stopReason = study.scheduler().name() + " has nothing to run";
          break;
        }
        if (stoppedBy != null && stoppedBy.cancelsRunning()) {
          cancelRunning(done, stopReason);
          break;
        }
        Future<Finished> f = done.poll(MAX_WAIT_MS, TimeUnit.MILLISECONDS);
        if (f != null) {
          result(f).ifPresent(this::record);
        } else if (firstFiring(true, false).isPresent()) {
          Fired fired = firstFiring(true, false).get();
          stopReason = fired.reason();
          stoppedBy = fired.rule();
          listener.stopping(stopReason, status());
          cancelRunning(done, stopReason);
          break;
        }
        enforceTimeout();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopReason = "interrupted";
      cancelRunning(done, stopReason);
    } finally {
      pool.shutdownNow();
    }
    return new StudyResult(stopReason, study.trials(), study.best(), Duration.between(start, study.clock().instant()),
        stoppedBy instanceof StopRule.TimeLimit);
  }

  /** Submits {@code t}; its context (known folds, fold monitor) is built here, on the loop's thread. */
  private void start(Trial t, CompletionService<Finished> done) {
    TrialRun run = new TrialRun(t, study.context(t), objective, faults, study.clock(), listener::trialRetrying);
    running.put(t.number(), new InFlight(run, done.submit(run)));
    listener.trialStarted(t, status());
  }

  /**
   * Cancels every attempt that has run longer than the trial timeout; one whose cancel has not
   * taken effect within the grace period is recorded TIMEOUT and left behind, so its slot is free.
   */
  private void enforceTimeout() {
    if (faults.trialTimeout().isEmpty()) return;
    Duration limit = faults.trialTimeout().get();
    for (InFlight f : List.copyOf(running.values())) {
      if (f.run().overran(limit)) {
        f.run().timeOut(limit);
        objective.cancel(f.run().number());
      } else if (f.run().timedOut().isPresent() && f.run().nanosSinceTimeOut() > CANCEL_GRACE.toNanos()) {
        f.future().cancel(true);
        record(new Finished(f.run().number(), new Outcome.TimedOut(limit)));
      }
    }
  }

  /** The result of a finished future; empty for one this loop cancelled (and already recorded). */
  private static Optional<Finished> result(Future<Finished> f) throws InterruptedException {
    try {
      return Optional.of(f.get());
    } catch (CancellationException e) {
      return Optional.empty();
    } catch (java.util.concurrent.ExecutionException e) {
      // TrialRun catches everything, so this is a bug in the loop itself.
      throw new IllegalStateException(e.getCause());
    }
  }

  private void record(Finished f) {
    // A trial given up on after its timeout's grace may still return later: it is recorded already.
    if (running.remove(f.number()) == null) return;
    Trial t = study.tell(f.number(), f.outcome());
    listener.trialFinished(t, status());
  }

  /**
   * Asks the objective to cancel every running trial and waits a grace period for them to return;
   * a trial that completes (or is pruned) anyway keeps its result, the rest are failed as cancelled.
   */
  private void cancelRunning(CompletionService<Finished> done, String reason) {
    for (InFlight f : running.values()) {
      f.run().stop();
      objective.cancel(f.run().number());
    }
    long deadline = System.nanoTime() + CANCEL_GRACE.toNanos();
    while (!running.isEmpty() && System.nanoTime() < deadline) {
      try {
        Future<Finished> f = done.poll(MAX_WAIT_MS, TimeUnit.MILLISECONDS);
        if (f == null) continue;
        result(f).ifPresent(r -> record(r.outcome() instanceof Outcome.Failed
            ? new Finished(r.number(), new Outcome.Cancelled(reason)) : r));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (InFlight f : List.copyOf(running.values())) {
      f.future().cancel(true);
      record(new Finished(f.run().number(), new Outcome.Cancelled(reason)));
    }
  }

  /**
   * @param onlyCancelling only rules that also cancel running trials
   * @param newConfigurations rules that stop only new configurations (true) or everything (false)
   */
  private Optional<Fired> firstFiring(boolean onlyCancelling, boolean newConfigurations) {
    StudyStatus s = status();
    for (StopRule r : rules) {
      if (onlyCancelling && !r.cancelsRunning()) continue;
      if (r.onlyStopsNewConfigurations() != newConfigurations) continue;
      Optional<String> why = r.check(s);
      if (why.isPresent()) return Optional.of(new Fired(r, why.get()));
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
