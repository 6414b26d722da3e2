package dev.sparktune.store.hadoop;

import dev.sparktune.objective.Objective;
import dev.sparktune.sampler.RandomSampler;
import dev.sparktune.scheduler.Asha;
import dev.sparktune.scheduler.Ladder;
import dev.sparktune.store.Journal;
import dev.sparktune.store.JournalTrialStore;
import dev.sparktune.store.StudyFingerprint;
import dev.sparktune.study.StopRule;
import dev.sparktune.study.Study;
import dev.sparktune.study.StudyListener;
import dev.sparktune.study.StudyStatus;
import dev.sparktune.testing.Objectives;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * The child JVM of {@link KillAndResumeTest}: an ASHA study on Branin over a journal on the local
 * FileSystem, resumed from whatever is there, printing a line per finished trial so the parent
 * knows when to kill it. Small segments limit (4) so kills also land in compactions.
 */
public final class KilledStudy {
  static final int CONFIGURATIONS = 30;
  static final Ladder LADDER = new Ladder(Budget.dataFraction(1.0, 1.0), 1.0 / 9, 3);

  private KilledStudy() {}

  public static void main(String[] args) {
    JournalTrialStore store = JournalTrialStore.open(new Journal(new HadoopJournalBackend(args[0], new Configuration()),
        4, w -> System.out.println("warning " + w)));
    store.begin(new StudyFingerprint("branin", "none", "value", "analytic"), Instant.now());
    Study study = new Study(Objectives.BRANIN_SPACE, new RandomSampler(), new Asha(LADDER, 1), Optional.empty(),
        Direction.MINIMIZE, store, 5, Clock.systemUTC());
    Objective slow = (a, ctx) -> {
      Thread.sleep(25);
      // Lower budgets look worse, deterministically, so rungs are comparable across runs.
      return new Outcome.Completed(Objectives.branin(a) + (1 - ctx.budget().amount()), List.of(), 0.025);
    };
    study.optimize(slow, List.of(new StopRule.MaxTrials(CONFIGURATIONS)), 3, new StudyListener() {
      @Override
      public void trialFinished(Trial t, StudyStatus s) {
        System.out.println("finished " + t.number());
        System.out.flush();
      }
    });
    System.out.println("done");
  }
}
