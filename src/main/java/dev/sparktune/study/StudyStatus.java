package dev.sparktune.study;

import dev.sparktune.scheduler.Ladder;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.History;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of a study's progress, what stop rules and progress displays look at.
 *
 * @param started evaluations started so far (running and finished; a promotion is one more)
 * @param configurations distinct configurations started so far (what {@code trials} limits)
 * @param failed evaluations that failed; pruned and timed-out ones are counted apart
 * @param timedOut evaluations cancelled for running longer than the trial timeout
 * @param best the best evaluation at the maximum budget
 * @param sinceImprovement evaluations at the maximum budget completed since the best last improved
 * @param rungs evaluations per rung of the schedule, bottom first (one rung for fifo)
 * @param refitEstimate how long refitting the best on all training rows should take
 *     ({@link RefitReserve#estimate}); empty while there is no best
 */
public record StudyStatus(int started, int configurations, int running, int completed, int failed, int pruned,
    int timedOut, Duration elapsed, Optional<Trial> best, int sinceImprovement, List<RungCount> rungs,
    Optional<Duration> refitEstimate) {

  /** How many evaluations a rung has seen. */
  public record RungCount(int rung, Budget budget, int started, int completed) {}

  public StudyStatus {
    rungs = List.copyOf(rungs);
  }

  public int finished() {
    return completed + failed + pruned + timedOut;
  }

  static StudyStatus of(History history, Direction direction, Ladder ladder, Duration elapsed) {
    List<Trial> all = history.trials();
    int running = 0;
    int completed = 0;
    int failed = 0;
    int pruned = 0;
    int timedOut = 0;
    List<Budget> budgets = ladder.budgets();
    int[] startedAt = new int[budgets.size()];
    int[] completedAt = new int[budgets.size()];
    for (Trial t : all) {
      switch (t.state()) {
        case RUNNING -> running++;
        case COMPLETE -> completed++;
        case FAILED -> failed++;
        case PRUNED -> pruned++;
        case TIMEOUT -> timedOut++;
        case CANCELLED -> { }   // only at the very end of a run, and rerun by the next
      }
      int rung = Math.min(t.lineage().rung(), budgets.size() - 1);
      startedAt[rung]++;
      if (t.state() == TrialState.COMPLETE) completedAt[rung]++;
    }
    List<RungCount> rungs = new ArrayList<>();
    for (int i = 0; i < budgets.size(); i++) rungs.add(new RungCount(i, budgets.get(i), startedAt[i], completedAt[i]));
    Optional<Trial> best = history.best(direction);
    return new StudyStatus(all.size(), history.configurations(), running, completed, failed, pruned, timedOut, elapsed,
        best, sinceImprovement(all, direction), rungs, best.flatMap(b -> RefitReserve.estimate(b, all::get)));
  }

  /** Full-budget evaluations, in the order they finished, since the last one that improved the best. */
  static int sinceImprovement(List<Trial> all, Direction direction) {
    List<Trial> done = all.stream().filter(t -> t.state() == TrialState.COMPLETE && t.budget().isFull())
        .sorted(Comparator.comparing((Trial t) -> t.finished().orElseThrow()).thenComparingInt(Trial::number))
        .toList();
    int since = 0;
    double best = Double.NEGATIVE_INFINITY;
    for (Trial t : done) {
      double v = direction.signed(t.value().getAsDouble());
      if (v > best) {
        best = v;
        since = 0;
      } else {
        since++;
      }
    }
    return since;
  }
}
