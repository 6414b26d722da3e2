package dev.sparktune.trial;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A read-only view of every trial so far, running ones included, ordered by number, and which way
 * their values point. Values are stored raw; a sampler learns which are good from
 * {@link #direction()}, so nothing else needs to carry the direction beside the history.
 */
public interface History {
  List<Trial> trials();

  /** How many trials there are; a store answers without copying them. */
  default int size() {
    return trials().size();
  }

  /** Trial {@code number}; a store answers without copying the others. */
  default Trial trial(int number) {
    return trials().get(number);
  }

  /** The order in which trials changed, for indexes kept current by {@link HistoryFollower}; empty if not kept. */
  default Optional<ChangeFeed> changes() {
    return Optional.empty();
  }

  /**
   * Whether larger or smaller values are better. A store on its own keeps raw values and says
   * {@link Direction#MINIMIZE}; a study hands its samplers {@link #toward} its own direction.
   */
  default Direction direction() {
    return Direction.MINIMIZE;
  }

  /** A live view of the same trials whose values point {@code direction}. */
  default History toward(Direction direction) {
    History self = this;
    return new History() {
      @Override
      public List<Trial> trials() {
        return self.trials();
      }

      @Override
      public int size() {
        return self.size();
      }

      @Override
      public Trial trial(int number) {
        return self.trial(number);
      }

      @Override
      public Optional<ChangeFeed> changes() {
        return self.changes();
      }

      @Override
      public Direction direction() {
        return direction;
      }
    };
  }

  /** Completed evaluations at every budget; samplers that learn from low budgets read {@code budget()}. */
  default List<Trial> completed() {
    return trials().stream().filter(t -> t.state() == TrialState.COMPLETE).toList();
  }

  /**
   * The best completed trial at the maximum budget ({@link Budget#isFull()}); ties go to the
   * earlier trial. A low-budget score never counts, however good, since it was measured on less.
   */
  default Optional<Trial> best(Direction direction) {
    Comparator<Trial> byScore = Comparator.comparingDouble(t -> direction.signed(t.value().getAsDouble()));
    return completed().stream().filter(t -> t.budget().isFull())
        .max(byScore.thenComparing(Comparator.comparingInt(Trial::number).reversed()));
  }

  /** Number of distinct configurations (roots of lineages), running ones included. */
  default int configurations() {
    return (int) trials().stream().filter(t -> t.lineage().isRoot()).count();
  }

  /** What became of each trial, indexed by trial number; see {@link Verdict}. */
  default List<Verdict> verdicts() {
    List<Trial> all = trials();
    Set<Integer> parents = new HashSet<>();
    for (Trial t : all) if (!t.lineage().isRoot()) parents.add(t.lineage().parent());
    return all.stream().map(t -> Verdict.of(t, parents.contains(t.number()))).toList();
  }

  static History of(List<Trial> trials) {
    List<Trial> copy = List.copyOf(trials);
    return () -> copy;
  }

  static History of(List<Trial> trials, Direction direction) {
    return of(trials).toward(direction);
  }
}
