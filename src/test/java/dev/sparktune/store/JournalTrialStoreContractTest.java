package dev.sparktune.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The store contract on the journal, plus what only a journal promises: a reopened store has the same history. */
class JournalTrialStoreContractTest extends TrialStoreContract {
  private final InMemoryJournalBackend backend = new InMemoryJournalBackend();

  @Override
  protected TrialStore fresh() {
    return JournalTrialStore.open(new Journal(backend, 8, new ArrayList<String>()::add));
  }

  @Test
  void aReopenedJournalReplaysEveryOperation() {
    TrialStore s = fresh();
    for (int i = 0; i < 20; i++) s.create(a(i / 20.0), dev.sparktune.trial.Budget.full(), T0);
    for (int i = 0; i < 20; i += 2) s.finish(i, new dev.sparktune.trial.Outcome.Completed(i, List.of((double) i), 1.0), T0);
    assertEquals(s.trials(), fresh().trials());
  }
}
