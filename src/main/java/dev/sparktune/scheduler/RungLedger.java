package dev.sparktune.scheduler;

import dev.sparktune.trial.Direction;
import dev.sparktune.trial.History;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rung ledger of a history: which evaluations sit at which (bracket, rung), which were
 * promoted (they have a child trial), and rankings. Rebuilt on every decision, never cached, so
 * it cannot drift from the history.
 */
final class RungLedger {
  private final List<Trial> trials;
  private final Set<Integer> promoted = new HashSet<>();
  private final Direction direction;

  /** The ledger of {@code history}, ranked by its {@link History#direction()}. */
  RungLedger(History history) {
    this.trials = history.trials();
    this.direction = history.direction();
    for (Trial t : trials) if (!t.lineage().isRoot()) promoted.add(t.lineage().parent());
  }

  /** Evaluations at {@code rung} of {@code bracket}, in trial order; bracket -1 = any bracket. */
  List<Trial> at(int bracket, int rung) {
    List<Trial> out = new ArrayList<>();
    for (Trial t : trials) {
      if (t.lineage().rung() == rung && (bracket < 0 || t.lineage().bracket() == bracket)) out.add(t);
    }
    return out;
  }

  boolean promoted(Trial t) {
    return promoted.contains(t.number());
  }

  boolean anyRunning() {
    return trials.stream().anyMatch(t -> t.state() == TrialState.RUNNING);
  }

  static boolean anyRunning(List<Trial> ts) {
    return ts.stream().anyMatch(t -> t.state() == TrialState.RUNNING);
  }

  /** Highest bracket number in use; -1 when there are no trials. */
  int lastBracket() {
    return trials.stream().mapToInt(t -> t.lineage().bracket()).max().orElse(-1);
  }

  /** Completed evaluations of {@code ts}, best first; ties go to the earlier trial. */
  List<Trial> ranked(List<Trial> ts) {
    Comparator<Trial> best = Comparator.comparingDouble((Trial t) -> -direction.signed(t.value().getAsDouble()))
        .thenComparingInt(Trial::number);
    return ts.stream().filter(t -> t.state() == TrialState.COMPLETE).sorted(best).toList();
  }

  /** Evaluations that produced a result: completed, or pruned (which counts as ranking last). */
  static int results(List<Trial> ts) {
    return (int) ts.stream().filter(t -> t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED).count();
  }

  static int completed(List<Trial> ts) {
    return (int) ts.stream().filter(t -> t.state() == TrialState.COMPLETE).count();
  }

  /**
   * The end of a schedule that ran out of new configurations before any reached the maximum
   * budget (few trials, or ASHA's ⌊n/η⌋ = 0): promote the best not-yet-promoted evaluation of
   * the highest rung below the top, so that the study's best is always measured at the maximum.
   * Empty when something reached the top, something is still running, or nothing completed.
   */
  Optional<Action> finishLeader(Ladder ladder) {
    int top = ladder.topRung();
    if (anyRunning() || trials.stream().anyMatch(t -> t.state() == TrialState.COMPLETE && t.lineage().rung() == top)) {
      return Optional.empty();
    }
    for (int rung = top - 1; rung >= 0; rung--) {
      for (Trial t : ranked(at(-1, rung))) {
        if (!promoted(t)) {
          return Optional.of(new Action.Promote(t, ladder.at(rung + 1), rung + 1,
              "no configuration reached the maximum budget; promoting the best of rung " + rung));
        }
      }
    }
    return Optional.empty();
  }

  /** What to do once nothing new may start: wait for running trials, finish the leader, or stop. */
  Action drain(Ladder ladder, String doneReason) {
    if (anyRunning()) return new Action.Wait("no new configurations; waiting for running trials");
    return finishLeader(ladder).orElseGet(() -> new Action.Done(doneReason));
  }
}
