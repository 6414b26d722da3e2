package dev.sparktune.study;

import dev.sparktune.space.Assignment;
import dev.sparktune.trial.Trial;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What an earlier study lends this one ({@code sparktune.warm-start}): its best configurations,
 * re-checked first on today's data, and its results, which model-based samplers learn from. Built
 * by {@link PriorSelection} from the earlier study's trials each time a run starts, never stored,
 * so a resumed study rebuilds exactly the prior it had.
 *
 * @param first the earlier study's best configurations that fit this study's space, best first
 * @param observations the earlier completed trials that fit this space, in their order, numbered
 *     {@code -n .. -1} so they can never be mistaken for (or cached as) one of this study's trials
 * @param configurations how many distinct configurations the earlier study completed
 * @param dropped why earlier configurations were left out (they do not fit this space), with how
 *     many for each reason, most frequent first
 */
public record Prior(List<Assignment> first, List<Trial> observations, int configurations, Map<String, Integer> dropped) {
  public Prior {
    first = List.copyOf(first);
    observations = List.copyOf(observations);
    dropped = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dropped));
    for (Trial t : observations) {
      if (t.number() >= 0) throw new IllegalArgumentException("an earlier trial must have a negative number, got " + t.number());
    }
  }

  /** How many earlier configurations do not fit this space. */
  public int droppedCount() {
    return dropped.values().stream().mapToInt(Integer::intValue).sum();
  }

  /**
   * One line for the log, e.g. {@code 12 of 14 earlier configurations fit the search space, the
   * best 3 run first; 2 dropped (2× regParam outside the space)}.
   */
  public String summary() {
    String line = (configurations - droppedCount()) + " of " + configurations + " earlier configurations fit the "
        + "search space, the best " + first.size() + " run first";
    if (dropped.isEmpty()) return line;
    return line + "; " + droppedCount() + " dropped (" + dropped.entrySet().stream()
        .map(e -> e.getValue() + "× " + e.getKey()).collect(Collectors.joining(", ")) + ")";
  }

  /** This prior without its observations: for samplers that do not learn from results. */
  public Prior withoutObservations() {
    return new Prior(first, List.of(), configurations, dropped);
  }
}
