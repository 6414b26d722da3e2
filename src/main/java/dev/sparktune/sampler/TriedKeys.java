package dev.sparktune.sampler;

import dev.sparktune.trial.History;
import dev.sparktune.trial.HistoryFollower;
import dev.sparktune.trial.Trial;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@link dev.sparktune.space.Assignment#key keys} of every configuration a history holds, at
 * any budget and in any state, kept current from the trials that changed: building a key for each
 * of 10,000 trials before every proposal was the largest share of a long study's own time.
 */
final class TriedKeys implements HistoryFollower.Index {
  // Key → trials holding it: a trial whose configuration changed (a history other than a store's) gives its key back.
  private final Map<String, Integer> counts = new HashMap<>();
  private final HistoryFollower follower = new HistoryFollower(this);

  /** The keys {@code history} holds now; a view, valid until the next call. */
  Set<String> of(History history) {
    follower.catchUp(history);
    return Collections.unmodifiableSet(counts.keySet());
  }

  @Override
  public void reset() {
    counts.clear();
  }

  @Override
  public void changed(Trial before, Trial after) {
    // A trial that finished or restarted keeps its configuration: nothing to do.
    if (before != null && before.assignment() == after.assignment()) return;
    if (before != null) counts.computeIfPresent(before.assignment().key(), (k, n) -> n == 1 ? null : n - 1);
    counts.merge(after.assignment().key(), 1, Integer::sum);
  }
}
