package dev.sparktune.store;

import dev.sparktune.space.Assignment;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Lineage;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.TrialCost;
import java.time.Instant;
import java.util.Objects;

/**
 * One state change of a study, as the journal records it. The history is the replay of these in
 * order, so anything a sampler or scheduler reads must be derivable from them (rungs come from
 * {@link Lineage} and outcomes; nothing else is kept).
 */
public sealed interface JournalEvent
    permits JournalEvent.Opened, JournalEvent.Created, JournalEvent.Restarted, JournalEvent.FoldScored,
    JournalEvent.Finished, JournalEvent.Costed {

  /**
   * A driver opened the study: written on the first run and on every resume, so the journal
   * also tells how often it was resumed. The latest one is what a resume is checked against.
   */
  record Opened(StudyFingerprint study, Instant at) implements JournalEvent {
    public Opened {
      Objects.requireNonNull(study);
      Objects.requireNonNull(at);
    }
  }

  /** A trial started; {@code number} is its place in the history (dense, from 0). */
  record Created(int number, Assignment assignment, Budget budget, Lineage lineage, Instant started)
      implements JournalEvent {
    public Created {
      Objects.requireNonNull(assignment);
      Objects.requireNonNull(budget);
      Objects.requireNonNull(lineage);
      Objects.requireNonNull(started);
    }
  }

  /**
   * A trial that was running when its driver died was started again, under the same number,
   * parameters and budget, so numbering, lineage and the count of configurations stay as they were.
   */
  record Restarted(int number, Instant started) implements JournalEvent {
    public Restarted {
      Objects.requireNonNull(started);
    }
  }

  /**
   * One fold of a running trial was scored. Written as each fold finishes, before the trial
   * ends, so a trial rerun after its driver died fits only the folds it had not finished.
   */
  record FoldScored(int number, int fold, double value, Instant at) implements JournalEvent {
    public FoldScored {
      if (fold < 0) throw new IllegalArgumentException("fold must be >= 0, got " + fold);
      Objects.requireNonNull(at);
    }
  }

  /** A running trial ended. */
  record Finished(int number, Outcome outcome, Instant finished) implements JournalEvent {
    public Finished {
      Objects.requireNonNull(outcome);
      Objects.requireNonNull(finished);
    }
  }

  /**
   * What Spark spent on a trial that ended (or on one run of it): written after {@link Finished},
   * once Spark's listener has heard the trial's last task. Informational: nothing replayed depends
   * on it, and a journal without any (older, or a driver killed in between) replays the same.
   */
  record Costed(int number, TrialCost cost) implements JournalEvent {
    public Costed {
      Objects.requireNonNull(cost);
    }
  }
}
