package dev.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.scheduler.Asha;
import dev.sparktune.scheduler.Ladder;
import dev.sparktune.sampler.RandomSampler;
import dev.sparktune.store.InMemoryTrialStore;
import dev.sparktune.study.Study;
import dev.sparktune.testing.FakeClock;
import dev.sparktune.testing.Objectives;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void rungsPrunedTrialsAndTheStatusLine() {
    FakeClock clock = new FakeClock();
    Study study = new Study(Objectives.BRANIN_SPACE, new RandomSampler(),
        new Asha(new Ladder(Budget.dataFraction(1, 1), 0.1, 3), 1), Optional.empty(), Direction.MINIMIZE,
        new InMemoryTrialStore(), 1, clock);
    Trial a = study.ask().orElseThrow();
    Trial b = study.ask().orElseThrow();
    study.tell(a.number(), Outcome.Completed.ofFolds(List.of(1.0, 2.0), 3));
    Trial pruned = study.tell(b.number(), new Outcome.Pruned(Map.of(0, 9.0), "pruned after 1 of 2 folds"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), "rmse", OptionalInt.of(20), null, true);
    p.trialFinished(pruned, study.status(Instant.EPOCH));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("trial   1 PRUNED   config 1 rung 0 fraction=0.1111  pruned after 1 of 2 folds  {x1="), out);
    assertTrue(out.contains("[2 done, 2 configurations, 0 running, 0 failed, 1 pruned] rungs 2/0/0 elapsed 00:00"), out);
  }

  @Test
  void timeoutsAndRetriesShowInTheLog() {
    Study study = new Study(Objectives.BRANIN_SPACE, new RandomSampler(), Direction.MINIMIZE, new InMemoryTrialStore(),
        1, new FakeClock());
    Trial a = study.ask().orElseThrow();
    Trial slow = study.tell(a.number(), new Outcome.TimedOut(java.time.Duration.ofMinutes(10)));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), "auc", OptionalInt.of(20), null, true);
    p.trialRetrying(a, 1, 2, "lost executor: SparkException: Job aborted");
    p.trialFinished(slow, study.status(Instant.EPOCH));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("trial   0 retry 1/2 after a transient error (lost executor: SparkException: Job aborted)\n"),
        out);
    assertTrue(out.contains("trial   0 TIMEOUT  timed out after 10m  {x1="), out);
    assertTrue(out.contains("[1 done/20, 0 running, 0 failed, 1 timed out] elapsed 00:00"), out);
  }
}
