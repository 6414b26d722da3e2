package dev.sparktune.scheduler;

/**
 * Every configuration at the full budget, first come first served: what sparktune did before
 * multi-fidelity schedules, and the default.
 */
public final class Fifo implements Scheduler {
  private static final Ladder FULL = Ladder.full();

  @Override
  public Action next(Snapshot s) {
    if (s.noNewConfigurations()) return new Action.Done("no new configurations");
    return new Action.Start(FULL.top(), 0, 0, "fifo: every configuration at the full budget");
  }

  @Override
  public Ladder ladder() {
    return FULL;
  }

  @Override
  public String name() {
    return "fifo";
  }
}
