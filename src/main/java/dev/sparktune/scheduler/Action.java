package dev.sparktune.scheduler;

import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Trial;
import java.util.Objects;

/**
 * A scheduler's answer to "what should a free slot run next?", with the reason, which the log
 * shows. Behaviour lives on the records' fields; callers branch with {@code instanceof}.
 */
public sealed interface Action permits Action.Start, Action.Promote, Action.Wait, Action.Done {
  String reason();

  /** Ask the sampler for a new configuration and evaluate it at {@code budget}. */
  record Start(Budget budget, int bracket, int rung, String reason) implements Action {
    public Start {
      Objects.requireNonNull(budget, "budget");
    }
  }

  /** Evaluate {@code from}'s configuration again at the larger {@code budget} of {@code rung}. */
  record Promote(Trial from, Budget budget, int rung, String reason) implements Action {
    public Promote {
      Objects.requireNonNull(from, "from");
      if (rung <= from.lineage().rung()) {
        throw new IllegalArgumentException("promotion of trial " + from.number() + " must go up from rung "
            + from.lineage().rung() + ", got " + rung);
      }
    }
  }

  /** Nothing useful to start until a running trial finishes (synchronous halving at a barrier). */
  record Wait(String reason) implements Action {}

  /** Nothing more to run: the schedule has finished with what it was given. */
  record Done(String reason) implements Action {}
}
