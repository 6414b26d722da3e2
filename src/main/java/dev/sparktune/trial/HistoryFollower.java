package dev.sparktune.trial;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps an {@link Index} of a history current by handing it only the trials that are new or
 * changed since it last looked, as (before, after) pairs. Trials are immutable values and a store
 * replaces the one it changes, so "changed" is a matter of identity. With the history's
 * {@link ChangeFeed} this reads only the changed trials. A history without one (a list of trials)
 * or with another feed than last time starts the index over and is read whole, every time.
 *
 * <p>Not thread-safe: one follower belongs to one decision-making thread (the study's loop).
 */
public final class HistoryFollower {
  /** What a follower keeps current. */
  public interface Index {
    /** Forget everything: a different history follows. */
    void reset();

    /**
     * Trial {@code after.number()} is new ({@code before} null) or was {@code before} until now.
     * An index that cannot undo {@code before} may rebuild itself from the history when next read.
     */
    void changed(Trial before, Trial after);
  }

  private final Index index;
  private final List<Trial> seen = new ArrayList<>();
  private ChangeFeed feed;
  private int position;

  public HistoryFollower(Index index) {
    this.index = Objects.requireNonNull(index);
  }

  /** Tells the index what changed in {@code history} since the last call. */
  public void catchUp(History history) {
    Optional<ChangeFeed> f = history.changes();
    if (f.isPresent() && f.get() == feed) {
      // A trial is read as it is now, so it is visited at its last change: an index that cares
      // about order (which result came first) then sees the changes in the order they were made.
      int end = feed.size();
      Map<Integer, Integer> last = new HashMap<>();
      for (int p = position; p < end; p++) last.put(feed.number(p), p);
      last.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> visit(history.trial(e.getKey())));
      position = end;
      return;
    }
    // Another history, or one without a feed (a list of trials): start over and read it whole.
    // The feed's end is read before the trials, so a change in between is visited twice: harmless.
    int end = f.map(ChangeFeed::size).orElse(0);
    List<Trial> all = history.trials();
    index.reset();
    seen.clear();
    for (Trial t : all) visit(t);
    feed = f.orElse(null);
    position = end;
  }

  private void visit(Trial t) {
    int n = t.number();
    while (seen.size() <= n) seen.add(null);
    Trial before = seen.get(n);
    if (before == t) return;
    seen.set(n, t);
    index.changed(before, t);
  }
}
