package dev.sparktune.study;

import dev.sparktune.trial.Direction;
import dev.sparktune.trial.DurationText;
import java.time.Duration;
import java.util.Optional;

/**
 * When to stop starting new trials. A rule answers with its reason, which ends up in the log and
 * in best.json. Only {@link TimeLimit} also cancels the trials still running: the others let
 * paid-for work finish. {@link MaxTrials} only stops new configurations: the schedule still
 * promotes the ones it has, so the configurations started get their evaluation at the maximum
 * budget (for fifo the two are the same thing). {@link Requested} is a stop asked for from outside
 * (a signal), and cancels like the time limit.
 */
public sealed interface StopRule permits StopRule.MaxTrials, StopRule.TimeLimit, StopRule.Target,
    StopRule.Patience, StopRule.Requested, Convergence {

  Optional<String> check(StudyStatus status);

  default boolean cancelsRunning() {
    return false;
  }

  /** True when the rule stops only new configurations and lets promotions of started ones go on. */
  default boolean onlyStopsNewConfigurations() {
    return false;
  }

  /**
   * At most {@code trials} configurations. A configuration evaluated at several rungs counts
   * once: the limit means what it says to someone who thinks in configurations, whatever the
   * schedule, and promotions are the schedule's own business (the trial table has a row for
   * each evaluation).
   */
  record MaxTrials(int trials) implements StopRule {
    public MaxTrials {
      if (trials < 1) throw new IllegalArgumentException("max trials must be >= 1, got " + trials);
    }

    @Override
    public Optional<String> check(StudyStatus s) {
      return s.configurations() >= trials ? Optional.of("reached " + trials + " trials") : Optional.empty();
    }

    @Override
    public boolean onlyStopsNewConfigurations() {
      return true;
    }
  }

  /**
   * A wall-clock limit on the whole run, so that what follows the study still ends within it:
   * fires once the time left is no more than the {@link RefitReserve} (re-estimated from each new
   * best), and cancels the running trials then, since they would eat into that reserve.
   *
   * @param spentBefore time the run spent before the study started (starting Spark, caching the
   *     folds), counted against the limit
   */
  record TimeLimit(Duration limit, Duration spentBefore, RefitReserve reserve) implements StopRule {
    /** @throws IllegalArgumentException if {@code limit} is not positive or {@code spentBefore} negative */
    public TimeLimit {
      if (limit.isNegative() || limit.isZero()) throw new IllegalArgumentException("time limit must be > 0");
      if (spentBefore.isNegative()) throw new IllegalArgumentException("time spent before must be >= 0");
      java.util.Objects.requireNonNull(reserve, "reserve");
    }

    /** The study alone, up to the limit: nothing kept for afterwards. */
    public TimeLimit(Duration limit) {
      this(limit, Duration.ZERO, RefitReserve.NONE);
    }

    @Override
    public Optional<String> check(StudyStatus s) {
      Duration left = limit.minus(spentBefore).minus(s.elapsed());
      String limitText = "time limit " + DurationText.of(limit);
      if (left.isNegative() || left.isZero()) return Optional.of(limitText + " reached");
      Duration keep = reserve.of(s);
      if (keep.isZero() || left.compareTo(keep) > 0) return Optional.empty();
      return Optional.of(limitText + ": the last " + DurationText.of(left) + " are kept for "
          + (reserve.refit() && s.refitEstimate().isPresent()
              ? "refitting the best (about " + DurationText.of(s.refitEstimate().get()) + ") and writing the results"
              : "writing the results"));
    }

    @Override
    public boolean cancelsRunning() {
      return true;
    }
  }

  /** Stops once the best score is at least as good as {@code value}. */
  record Target(double value, Direction direction) implements StopRule {
    @Override
    public Optional<String> check(StudyStatus s) {
      return s.best().filter(t -> !direction.better(value, t.value().getAsDouble()))
          .map(t -> "trial " + t.number() + " reached the target " + value);
    }
  }

  /**
   * Stops after {@code trials} evaluations at the maximum budget in a row fail to improve the
   * best score.
   */
  record Patience(int trials) implements StopRule {
    public Patience {
      if (trials < 1) throw new IllegalArgumentException("patience must be >= 1, got " + trials);
    }

    @Override
    public Optional<String> check(StudyStatus s) {
      return s.sinceImprovement() >= trials
          ? Optional.of("no improvement in the last " + trials + " trials") : Optional.empty();
    }
  }

  /**
   * A stop asked for from outside the study (SIGTERM, Ctrl-C, the launcher gone): fires as soon as
   * {@code request} has a reason, and cancels the running trials like the time limit, so they are
   * recorded CANCELLED and a rerun continues them instead of counting them failed.
   */
  record Requested(java.util.function.Supplier<Optional<String>> request) implements StopRule {
    public Requested {
      java.util.Objects.requireNonNull(request, "request");
    }

    @Override
    public Optional<String> check(StudyStatus status) {
      return request.get();
    }

    @Override
    public boolean cancelsRunning() {
      return true;
    }
  }
}
