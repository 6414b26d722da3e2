package dev.sparktune.testing;

import dev.sparktune.objective.TrialContext;
import dev.sparktune.study.Study;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.BiFunction;
import java.util.function.ToDoubleFunction;

/**
 * A discrete-event run of a study on simulated slots and a {@link FakeClock}: each evaluation
 * takes {@code seconds(trial)} of simulated time, and the next event is always the earliest
 * finish (ties by trial number), so a run is deterministic and takes milliseconds. It measures
 * how long slots sat idle while the schedule still had work to give them.
 */
public final class Simulation {
  /**
   * @param idleSlotSeconds slot-seconds idle before the last new configuration started (after it,
   *     slots idle in any schedule as the last promotions wait for their rungs)
   * @param makespan simulated seconds from the first start to the last finish
   * @param busySlotSeconds slot-seconds spent evaluating
   */
  public record Result(double idleSlotSeconds, double makespan, double busySlotSeconds, int evaluations) {}

  private record Event(double at, Trial trial, Outcome outcome) {}

  private Simulation() {}

  public static Result run(Study study, FakeClock clock, int parallelism,
      BiFunction<Trial, TrialContext, Outcome> objective, ToDoubleFunction<Trial> seconds) {
    PriorityQueue<Event> running = new PriorityQueue<>(
        Comparator.comparingDouble(Event::at).thenComparingInt(e -> e.trial().number()));
    double now = 0;
    double idle = 0;
    double busy = 0;
    double idleSinceLastStart = 0;
    int evaluations = 0;
    while (true) {
      while (running.size() < parallelism) {
        Optional<Trial> next = study.ask();
        if (next.isEmpty()) break;
        Trial t = next.get();
        double d = seconds.applyAsDouble(t);
        running.add(new Event(now + d, t, objective.apply(t, study.context(t))));
        busy += d;
        evaluations++;
        if (t.lineage().isRoot()) {
          idle += idleSinceLastStart;
          idleSinceLastStart = 0;
        }
      }
      Event e = running.poll();
      if (e == null) break;
      idleSinceLastStart += (parallelism - running.size() - 1) * (e.at() - now);
      clock.advance(Duration.ofNanos(Math.round((e.at() - now) * 1e9)));
      now = e.at();
      study.tell(e.trial().number(), e.outcome());
    }
    return new Result(idle, now, busy, evaluations);
  }
}
