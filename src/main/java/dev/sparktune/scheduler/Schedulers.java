package dev.sparktune.scheduler;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Schedulers by the name used in {@code sparktune.schedule.type}. A new scheduler is one line here. */
public final class Schedulers {
  private Schedulers() {}

  private interface Factory {
    Scheduler create(Ladder ladder, int brackets);
  }

  private static final Map<String, Factory> BY_NAME = Map.of(
      "fifo", (l, b) -> new Fifo(),
      "successive-halving", (l, b) -> new SuccessiveHalving(l),
      "hyperband", (l, b) -> new Hyperband(l),
      "asha", Asha::new,
      "median-stopping", (l, b) -> new MedianStopping(l));

  public static Set<String> names() {
    return new TreeSet<>(BY_NAME.keySet());
  }

  /**
   * @param brackets ASHA's number of brackets; ignored by the others
   * @throws IllegalArgumentException naming {@code sparktune.schedule.type} for an unknown name
   */
  public static Scheduler create(String name, Ladder ladder, int brackets) {
    Factory f = BY_NAME.get(name);
    if (f == null) {
      throw new IllegalArgumentException("sparktune.schedule.type: expected one of " + names() + ", got '" + name + "'");
    }
    return f.create(ladder, brackets);
  }
}
