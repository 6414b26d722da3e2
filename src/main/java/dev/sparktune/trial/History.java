package dev.sparktune.trial;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A read-only view of every trial so far, running ones included, ordered by number. */
public interface History {
  List<Trial> trials();

  default List<Trial> completed() {
    return trials().stream().filter(t -> t.state() == TrialState.COMPLETE).toList();
  }

  /** The best completed trial at the full budget; ties go to the earlier trial. */
  default Optional<Trial> best(Direction direction) {
    Comparator<Trial> byScore = Comparator.comparingDouble(t -> direction.signed(t.value().getAsDouble()));
    return completed().stream().filter(t -> t.budget().isFull())
        .max(byScore.thenComparing(Comparator.comparingInt(Trial::number).reversed()));
  }

  static History of(List<Trial> trials) {
    List<Trial> copy = List.copyOf(trials);
    return () -> copy;
  }
}
