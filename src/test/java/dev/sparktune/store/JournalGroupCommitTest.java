package dev.sparktune.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.space.Assignment;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.SparkCost;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialCost;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Folds reported by many running trials at once are appended together (group commit), and the
 * journal still replays into exactly the store that wrote it, whatever the interleaving with the
 * loop's creations and finishes, including folds that arrive while their trial's end is queued.
 */
class JournalGroupCommitTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** A backend whose every write takes a moment, as a file system's does, and counts them. */
  private static class SlowBackend implements JournalBackend {
    final InMemoryJournalBackend inner = new InMemoryJournalBackend();
    final AtomicInteger writes = new AtomicInteger();
    volatile boolean blocking;

    @Override
    public List<String> list() {
      return inner.list();
    }

    @Override
    public Optional<String> read(String name) {
      return inner.read(name);
    }

    @Override
    public void write(String name, String content) {
      writes.incrementAndGet();
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      inner.write(name, content);
    }

    @Override
    public boolean create(String name, String content) {
      return inner.create(name, content);
    }

    @Override
    public void delete(String name) {
      inner.delete(name);
    }

    @Override
    public String location() {
      return "slow memory";
    }
  }

  @Test
  void foldsOfManyTrialsShareAppendsAndTheJournalReplaysIntoTheSameStore() throws Exception {
    SlowBackend backend = new SlowBackend();
    JournalTrialStore store = JournalTrialStore.open(new Journal(backend, 1_000_000, w -> { }));
    ExecutorService pool = Executors.newFixedThreadPool(16);
    int trials = 96;
    int folds = 3;
    List<Future<?>> running = new ArrayList<>();
    for (int i = 0; i < trials; i++) {
      Trial t = store.create(Assignment.of(Map.of("x", (double) i)), Budget.full(), T0);
      CountDownLatch scored = new CountDownLatch(1);
      running.add(pool.submit(() -> {
        for (int f = 0; f < folds; f++) store.scoreFold(t.number(), f, 0.5 + f, T0.plusSeconds(1));
        scored.countDown();
        return null;
      }));
      // Every fourth trial ends before its folds are all in: those late folds must not follow its end.
      if (i % 4 == 0) {
        store.finish(t.number(), new Outcome.Failed("cancelled while scoring"), T0.plusSeconds(2));
      } else {
        assertTrue(scored.await(10, TimeUnit.SECONDS));
        store.finish(t.number(), Outcome.Completed.ofFolds(List.of(0.5, 1.5, 2.5), 1.0), T0.plusSeconds(2));
      }
    }
    for (Future<?> f : running) f.get(10, TimeUnit.SECONDS);
    pool.shutdown();

    int appends = backend.writes.get();
    int events = store.trials().size() * 2;   // created and finished, plus the folds that were kept
    assertTrue(appends < events + trials * folds, "group commit shares appends: " + appends + " writes");
    JournalTrialStore replayed = JournalTrialStore.open(new Journal(backend, 1_000_000, w -> { }));
    assertEquals(store.trials(), replayed.trials());
    for (Trial t : replayed.trials()) assertEquals(Map.of(), replayed.scoredFolds(t.number()), "folds go when a trial ends");
  }

  @Test
  void concurrentFoldsOfRunningTrialsAreAllDurable() throws Exception {
    SlowBackend backend = new SlowBackend();
    JournalTrialStore store = JournalTrialStore.open(new Journal(backend, 1_000_000, w -> { }));
    int trials = 32;
    for (int i = 0; i < trials; i++) store.create(Assignment.of(Map.of("x", (double) i)), Budget.full(), T0);
    int before = backend.writes.get();
    ExecutorService pool = Executors.newFixedThreadPool(trials);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> all = new ArrayList<>();
    for (int i = 0; i < trials; i++) {
      int n = i;
      all.add(pool.submit(() -> {
        go.await();
        for (int f = 0; f < 3; f++) store.scoreFold(n, f, n + f / 10.0, T0.plusSeconds(1));
        return null;
      }));
    }
    go.countDown();
    for (Future<?> f : all) f.get(10, TimeUnit.SECONDS);
    pool.shutdown();
    store.sync();
    int appends = backend.writes.get() - before;
    assertTrue(appends < trials * 3 / 2, "96 folds reported at once took " + appends + " appends");
    assertTrue(appends >= 1);
    JournalTrialStore replayed = JournalTrialStore.open(new Journal(backend, 1_000_000, w -> { }));
    for (int n = 0; n < trials; n++) {
      assertEquals(Map.of(0, n + 0.0, 1, n + 0.1, 2, n + 0.2), replayed.scoredFolds(n), "trial " + n);
    }
  }

  @Test
  void foldsAndCostsDoNotWaitForTheFileSystemAndAreDurableSoonAfter() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch blocked = new CountDownLatch(1);
    SlowBackend backend = new SlowBackend() {
      @Override
      public void write(String name, String content) {
        if (blocking) {
          blocked.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        super.write(name, content);
      }
    };
    JournalTrialStore store = JournalTrialStore.open(new Journal(backend, 1_000_000, w -> { }));
    Trial t = store.create(Assignment.of(Map.of("x", 1.0)), Budget.full(), T0);
    backend.blocking = true;
    ExecutorService caller = Executors.newSingleThreadExecutor();
    // The write under way blocks until released; the trial reporting its folds must not.
    caller.submit(() -> {
      for (int f = 0; f < 3; f++) store.scoreFold(t.number(), f, 0.1 * f, T0.plusSeconds(1));
      return null;
    }).get(10, TimeUnit.SECONDS);
    assertTrue(blocked.await(10, TimeUnit.SECONDS), "the folds are being appended meanwhile, by the store's own thread");
    assertEquals(Map.of(0, 0.0, 1, 0.1, 2, 0.2), store.scoredFolds(t.number()), "queued folds are known in-process");
    // What Spark spent does not wait either, and counts in-process at once.
    TrialCost cost = new TrialCost(Map.of(0, new SparkCost(2, 8, 900, 700, 30, 0, 0, 0, 0, 1024)), true);
    caller.submit(() -> store.recordCost(t.number(), cost)).get(10, TimeUnit.SECONDS);
    assertEquals(Map.of(t.number(), cost), store.costs());
    release.countDown();
    store.sync();
    caller.shutdown();
    JournalTrialStore replayed = JournalTrialStore.open(new Journal(backend, 1_000_000, w -> { }));
    assertEquals(Map.of(0, 0.0, 1, 0.1, 2, 0.2), replayed.scoredFolds(t.number()), "durable after sync");
    assertEquals(Map.of(t.number(), cost), replayed.costs());
  }
}
