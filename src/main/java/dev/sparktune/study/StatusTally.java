package dev.sparktune.study;

import dev.sparktune.scheduler.Ladder;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.History;
import dev.sparktune.trial.HistoryFollower;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A study's {@link StudyStatus}, kept current from the trials that changed since it was last read
 * rather than counted again from every trial: the loop reads it several times per decision, which
 * at 10,000 trials was most of the study's own time. It equals {@link StudyStatus#of} on the same
 * history (StatusTallyTest checks that after every change of a real study); the best and the
 * evaluations since it improved follow the order in which results were recorded, and are counted
 * again from the whole history in the rare case a completed trial changes (never in a store).
 */
final class StatusTally implements HistoryFollower.Index {
  private final Direction direction;
  private final Ladder ladder;
  private final HistoryFollower follower = new HistoryFollower(this);
  private int started;
  private int configurations;
  private final int[] byState = new int[TrialState.values().length];
  private final int[] startedAt;
  private final int[] completedAt;
  private Trial best;
  private int sinceImprovement;
  private boolean rescan = true;

  StatusTally(Direction direction, Ladder ladder) {
    this.direction = direction;
    this.ladder = ladder;
    this.startedAt = new int[ladder.budgets().size()];
    this.completedAt = new int[ladder.budgets().size()];
  }

  StudyStatus status(History history, Duration elapsed) {
    follower.catchUp(history);
    if (rescan) {
      best = history.best(direction).orElse(null);
      sinceImprovement = StudyStatus.sinceImprovement(history.trials(), direction);
      rescan = false;
    }
    List<StudyStatus.RungCount> rungs = new ArrayList<>();
    for (int i = 0; i < startedAt.length; i++) {
      rungs.add(new StudyStatus.RungCount(i, ladder.budgets().get(i), startedAt[i], completedAt[i]));
    }
    Optional<Trial> b = Optional.ofNullable(best);
    return new StudyStatus(started, configurations, count(TrialState.RUNNING), count(TrialState.COMPLETE),
        count(TrialState.FAILED), count(TrialState.PRUNED), count(TrialState.TIMEOUT), elapsed, b, sinceImprovement, rungs,
        b.flatMap(t -> RefitReserve.estimate(t, history::trial)));
  }

  @Override
  public void reset() {
    started = 0;
    configurations = 0;
    java.util.Arrays.fill(byState, 0);
    java.util.Arrays.fill(startedAt, 0);
    java.util.Arrays.fill(completedAt, 0);
    rescan = true;
  }

  @Override
  public void changed(Trial before, Trial after) {
    if (before != null) {
      tally(before, -1);
      if (before.state() == TrialState.COMPLETE) rescan = true;
    }
    tally(after, +1);
    if (rescan || after.state() != TrialState.COMPLETE || !after.budget().isFull()) return;
    double v = direction.signed(after.value().getAsDouble());
    double top = best == null ? Double.NEGATIVE_INFINITY : direction.signed(best.value().getAsDouble());
    sinceImprovement = v > top ? 0 : sinceImprovement + 1;
    // Ties go to the earlier trial, as History.best has it.
    if (best == null || v > top || (v == top && after.number() < best.number())) best = after;
  }

  private void tally(Trial t, int sign) {
    started += sign;
    if (t.lineage().isRoot()) configurations += sign;
    byState[t.state().ordinal()] += sign;
    int rung = Math.min(t.lineage().rung(), startedAt.length - 1);
    startedAt[rung] += sign;
    if (t.state() == TrialState.COMPLETE) completedAt[rung] += sign;
  }

  private int count(TrialState s) {
    return byState[s.ordinal()];
  }
}
