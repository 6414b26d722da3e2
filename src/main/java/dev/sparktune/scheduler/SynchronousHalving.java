package dev.sparktune.scheduler;

import dev.sparktune.trial.Trial;
import java.util.List;
import java.util.Locale;

/**
 * Synchronous successive halving over a sequence of brackets, the engine shared by
 * {@link SuccessiveHalving} (every bracket the deepest one) and {@link Hyperband} (cycling through
 * all). Bracket s starts n = ⌈(s_max+1)/(s+1)·η^s⌉ configurations at rung s_max - s; when every
 * evaluation of a round has finished, the top ⌊n_i/η⌋ move up one rung, until the top rung.
 * Rounds are barriers: a slot that frees before its round has finished waits.
 *
 * <p>Each run of a bracket is a bracket instance numbered 0, 1, 2, … in {@code Lineage.bracket};
 * the current instance is the highest one in the history, and its rounds are read from the rungs
 * its trials sit at, so nothing is held between decisions.
 */
abstract class SynchronousHalving implements Scheduler {
  private final Ladder ladder;

  SynchronousHalving(Ladder ladder) {
    this.ladder = ladder;
  }

  /** The bracket index s (number of halvings) of bracket instance {@code instance}. */
  abstract int bracketOf(int instance);

  /** Configurations bracket s starts with: ⌈(s_max+1)/(s+1)·η^s⌉, in exact integer arithmetic. */
  static long size(int sMax, int s, int eta) {
    long pow = 1;
    for (int i = 0; i < s; i++) pow *= eta;
    long num = (long) (sMax + 1) * pow;
    return (num + s) / (s + 1);
  }

  @Override
  public Ladder ladder() {
    return ladder;
  }

  @Override
  public Action next(Snapshot snap) {
    RungLedger r = new RungLedger(snap.history());
    int sMax = ladder.topRung();
    int instance = Math.max(0, r.lastBracket());
    while (true) {
      int s = bracketOf(instance);
      int base = sMax - s;
      long n0 = size(sMax, s, ladder.eta());
      int round = 0;
      for (int j = s; j > 0; j--) {
        if (!r.at(instance, base + j).isEmpty()) {
          round = j;
          break;
        }
      }
      List<Trial> current = r.at(instance, base + round);
      if (round == 0 && current.size() < n0 && !snap.noNewConfigurations()) {
        return new Action.Start(ladder.at(base), instance, base, String.format(Locale.ROOT,
            "%s bracket %d (s=%d): configuration %d of %d at rung %d", name(), instance, s, current.size() + 1, n0, base));
      }
      if (current.isEmpty()) return r.drain(ladder, name() + ": no new configurations");
      if (round > 0) {
        List<Trial> previous = r.at(instance, base + round - 1);
        if (current.size() < survivors(previous)) return promote(r, previous, base + round, instance);
      }
      if (RungLedger.anyRunning(current)) {
        return new Action.Wait(String.format(Locale.ROOT, "%s bracket %d: rung %d has %d of %d still running",
            name(), instance, base + round, current.stream().filter(t -> !t.state().finished()).count(), current.size()));
      }
      if (round < s && survivors(current) > 0) return promote(r, current, base + round + 1, instance);
      if (snap.noNewConfigurations()) return r.drain(ladder, name() + ": last bracket finished, no new configurations");
      instance++;
    }
  }

  /**
   * How many of a finished round move up: ⌊n/η⌋ of the n evaluations started there (at least one,
   * so a truncated bracket still reaches the top), but no more than completed.
   */
  private int survivors(List<Trial> round) {
    return Math.min(Math.max(1, round.size() / ladder.eta()), RungLedger.completed(round));
  }

  private Action promote(RungLedger r, List<Trial> from, int rung, int instance) {
    List<Trial> ranked = r.ranked(from);
    int keep = survivors(from);
    for (int i = 0; i < ranked.size(); i++) {
      Trial t = ranked.get(i);
      if (!r.promoted(t)) {
        return new Action.Promote(t, ladder.at(rung), rung, String.format(Locale.ROOT,
            "%s bracket %d: trial %d is %d of the top %d of %d at rung %d", name(), instance, t.number(), i + 1, keep,
            from.size(), rung - 1));
      }
    }
    throw new IllegalStateException("no promotable trial at rung " + (rung - 1) + " of bracket " + instance);
  }
}
