package dev.sparktune.scheduler;

import dev.sparktune.trial.Direction;
import dev.sparktune.trial.History;
import dev.sparktune.trial.HistoryFollower;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What ASHA asks of its rungs on every decision — each (bracket, rung)'s results, its completed
 * evaluations ranked, the best one not yet promoted and its rank, the configurations started in a
 * bracket — kept current from the trials that changed instead of rebuilt from the whole history
 * as {@link RungLedger} is. Rebuilding sorted every rung per decision: at 10,000 trials that was
 * quadratic and a large part of a study's own time. Each change costs a binary search and an
 * insertion here, and a decision a lookup per rung. Answers exactly as the ledger does (AshaTest
 * runs both on the same studies).
 */
final class RungIndex implements HistoryFollower.Index {
  /** One (bracket, rung). */
  static final class Cell {
    /** Completed evaluations, best first; ties go to the earlier trial. */
    private final List<Trial> ranked = new ArrayList<>();
    private final TreeSet<Trial> unpromoted;
    private final Comparator<Trial> order;
    /** Completed and pruned evaluations: pruned ones count in n but never rank. */
    private int results;
    /** Configurations that started here (roots). */
    private int roots;

    private Cell(Comparator<Trial> order) {
      this.order = order;
      this.unpromoted = new TreeSet<>(order);
    }

    int results() {
      return results;
    }

    int roots() {
      return roots;
    }

    int completed() {
      return ranked.size();
    }

    /** The best completed evaluation with no promoted child, if any. */
    Optional<Trial> bestUnpromoted() {
      return unpromoted.isEmpty() ? Optional.empty() : Optional.of(unpromoted.first());
    }

    /** 0-based rank of a completed evaluation of this cell among its completed ones. */
    int rank(Trial t) {
      return Collections.binarySearch(ranked, t, order);
    }
  }

  private record Slot(int bracket, int rung) {}

  private static final Cell EMPTY = new Cell(Comparator.comparingInt(Trial::number));

  private Direction direction;
  private HistoryFollower follower;
  private final Map<Slot, Cell> cells = new HashMap<>();
  private final Map<Integer, Integer> children = new HashMap<>();
  private final List<Trial> current = new ArrayList<>();

  /** Brings the index up to date with {@code history}. */
  void catchUp(History history) {
    if (follower == null || history.direction() != direction) {
      direction = history.direction();
      follower = new HistoryFollower(this);
      reset();
    }
    follower.catchUp(history);
  }

  /** The evaluations at {@code rung} of {@code bracket} (an empty cell if there are none). */
  Cell at(int bracket, int rung) {
    return cells.getOrDefault(new Slot(bracket, rung), EMPTY);
  }

  @Override
  public void reset() {
    cells.clear();
    children.clear();
    current.clear();
  }

  @Override
  public void changed(Trial before, Trial after) {
    if (before != null) remove(before);
    add(after);
  }

  private void add(Trial t) {
    while (current.size() <= t.number()) current.add(null);
    current.set(t.number(), t);
    Cell c = cellOf(t);
    if (t.lineage().isRoot()) {
      c.roots++;
    } else if (children.merge(t.lineage().parent(), 1, Integer::sum) == 1) {
      Trial parent = current.get(t.lineage().parent());
      if (parent != null) cellOf(parent).unpromoted.remove(parent);
    }
    if (t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED) c.results++;
    if (t.state() != TrialState.COMPLETE) return;
    int at = Collections.binarySearch(c.ranked, t, c.order);
    c.ranked.add(at < 0 ? -at - 1 : at, t);
    if (!children.containsKey(t.number())) c.unpromoted.add(t);
  }

  private void remove(Trial t) {
    current.set(t.number(), null);
    Cell c = cellOf(t);
    if (t.lineage().isRoot()) {
      c.roots--;
    } else if (children.merge(t.lineage().parent(), -1, Integer::sum) == 0) {
      children.remove(t.lineage().parent());
      Trial parent = current.get(t.lineage().parent());
      if (parent != null && parent.state() == TrialState.COMPLETE) cellOf(parent).unpromoted.add(parent);
    }
    if (t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED) c.results--;
    if (t.state() != TrialState.COMPLETE) return;
    int at = Collections.binarySearch(c.ranked, t, c.order);
    if (at >= 0) c.ranked.remove(at);
    c.unpromoted.remove(t);
  }

  private Cell cellOf(Trial t) {
    return cells.computeIfAbsent(new Slot(t.lineage().bracket(), t.lineage().rung()), s -> new Cell(order()));
  }

  private Comparator<Trial> order() {
    Direction d = direction;
    return Comparator.comparingDouble((Trial t) -> -d.signed(t.value().getAsDouble())).thenComparingInt(Trial::number);
  }
}
