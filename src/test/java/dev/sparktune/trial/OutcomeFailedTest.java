package dev.sparktune.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** What a failed trial records: the root error's class and first line, and the fold it broke on. */
class OutcomeFailedTest {
  @Test
  void theRootErrorIsRecordedWithTheFoldItHappenedOn() {
    Throwable root = new IllegalStateException("singular matrix\nat column 7");
    Throwable e = new ExecutionException(new FoldError(1, 3, new RuntimeException("Job aborted", root)));
    assertEquals(new Outcome.Failed("fold 2/3: IllegalStateException: singular matrix"), Outcome.failed(e));
  }

  @Test
  void withoutAFoldOnlyTheRootError() {
    assertEquals(new Outcome.Failed("IllegalArgumentException: bad"),
        Outcome.failed(new RuntimeException(new IllegalArgumentException("bad"))));
    assertEquals(new Outcome.Failed("OutOfMemoryError"), Outcome.failed(new OutOfMemoryError()));
  }
}
