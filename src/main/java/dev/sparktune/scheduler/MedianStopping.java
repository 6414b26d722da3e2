package dev.sparktune.scheduler;

import dev.sparktune.trial.Trial;
import java.util.List;
import java.util.Locale;

/**
 * The median stopping rule (Golovin et al., "Google Vizier", KDD 2017), over rungs: every
 * configuration starts at the bottom rung and moves up one rung at a time as long as its value
 * there is at least as good as the median of the other configurations' values at that rung. One
 * that is worse is stopped, for as long as it stays worse (a later, weaker rung-mate can lift it
 * back above the median). With fewer than {@link #MIN_OTHERS} other results at a rung nothing is
 * judged and the configuration moves up, as there is no median worth the name yet.
 */
public final class MedianStopping implements Scheduler {
  /** Results a rung needs besides the candidate's before the rule stops anything. */
  public static final int MIN_OTHERS = 3;

  private final Ladder ladder;

  public MedianStopping(Ladder ladder) {
    this.ladder = ladder;
  }

  @Override
  public Action next(Snapshot snap) {
    RungLedger r = new RungLedger(snap.history());
    for (int rung = ladder.topRung() - 1; rung >= 0; rung--) {
      List<Trial> ranked = r.ranked(r.at(-1, rung));
      for (Trial t : ranked) {
        if (r.promoted(t)) continue;
        double[] others = ranked.stream().filter(o -> o != t)
            .mapToDouble(o -> snap.direction().signed(o.value().getAsDouble())).sorted().toArray();
        double mine = snap.direction().signed(t.value().getAsDouble());
        if (others.length < MIN_OTHERS || mine >= median(others)) {
          String why = others.length < MIN_OTHERS
              ? String.format(Locale.ROOT, "only %d other results at rung %d", others.length, rung)
              : String.format(Locale.ROOT, "%.6g is not worse than the median %.6g of %d others at rung %d",
                  t.value().getAsDouble(), snap.direction().signed(median(others)), others.length, rung);
          return new Action.Promote(t, ladder.at(rung + 1), rung + 1, "median-stopping: trial " + t.number() + ": " + why);
        }
      }
    }
    if (snap.noNewConfigurations()) return r.drain(ladder, "median-stopping: nothing left to continue and no new configurations");
    return new Action.Start(ladder.at(0), 0, 0, "median-stopping: new configuration at rung 0");
  }

  /** Median of sorted values. */
  static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  @Override
  public Ladder ladder() {
    return ladder;
  }

  @Override
  public String name() {
    return "median-stopping";
  }
}
