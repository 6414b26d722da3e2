package dev.sparktune.store;

import dev.sparktune.space.Assignment;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.ChangeFeed;
import dev.sparktune.trial.Lineage;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialCost;
import dev.sparktune.trial.TrialState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * A {@link TrialStore} whose history is the replay of a {@link Journal}. Every change is appended
 * to the journal first and applied to the in-memory view only after the append returned: what
 * the sampler, the scheduler or a stop rule has seen is always on disk, so a resumed run decides
 * as the dead one would have. Replay and live changes go through the same {@link #apply}, so the
 * two cannot drift apart. Fold scores and Spark costs are the exceptions to waiting:
 * {@link #scoreFold} and {@link #recordCost} queue them for the next append and return, since no
 * decision rests on them.
 */
public final class JournalTrialStore implements TrialStore {
  private final Journal journal;
  private final List<Trial> trials = new ArrayList<>();
  // Folds of running trials only: a trial's entry goes when it finishes.
  private final Map<Integer, SortedMap<Integer, Double>> scoredFolds = new HashMap<>();
  private final Map<Integer, TrialCost> costs = new TreeMap<>();
  private Optional<StudyFingerprint> study = Optional.empty();
  private int opened;
  private final ChangeLog changes = new ChangeLog();
  // Group commit (see record): events queued behind an append under way, in order.
  private boolean committing;
  private final List<JournalEvent> queue = new ArrayList<>();
  private List<JournalEvent> appending = List.of();   // the batch an append is writing now
  private final java.util.Set<Integer> ending = new java.util.HashSet<>();
  private int queuedCreations;
  private long queued;
  private long committed;
  private boolean committerDue;
  private java.util.concurrent.ThreadPoolExecutor committer;

  private JournalTrialStore(Journal journal) {
    this.journal = journal;
  }

  /**
   * Replays {@code journal} into a new store.
   *
   * @throws JournalDamaged if the journal is damaged or its events contradict each other
   */
  public static JournalTrialStore open(Journal journal) {
    JournalTrialStore store = new JournalTrialStore(Objects.requireNonNull(journal));
    List<JournalEvent> events = journal.replay();
    for (int i = 0; i < events.size(); i++) {
      try {
        store.apply(events.get(i));
      } catch (RuntimeException e) {
        throw new JournalDamaged("journal " + journal.location() + " is damaged: event " + i
            + " contradicts the ones before it (" + e.getMessage() + ")", i);
      }
    }
    return store;
  }

  /**
   * The longest prefix of {@code events} that replays without contradiction: what a study damaged
   * further on continues from.
   */
  public static List<JournalEvent> consistentPrefix(List<JournalEvent> events) {
    JournalTrialStore probe = new JournalTrialStore(new Journal(new InMemoryJournalBackend(), 2, w -> { }));
    for (int i = 0; i < events.size(); i++) {
      try {
        probe.apply(events.get(i));
      } catch (RuntimeException e) {
        return List.copyOf(events.subList(0, i));
      }
    }
    return List.copyOf(events);
  }

  /** What the journal's trials were measured on, from its latest {@link JournalEvent.Opened}; empty for a new journal. */
  public synchronized Optional<StudyFingerprint> study() {
    return study;
  }

  /** How many times a driver opened this study before (0 for a new one). */
  public synchronized int runs() {
    return opened;
  }

  /** Records that a driver opened the study to run it, measuring {@code fingerprint}. */
  public void begin(StudyFingerprint fingerprint, Instant at) {
    record(n -> new JournalEvent.Opened(fingerprint, at));
  }

  /**
   * Trials to run again: running when the journal was last written (their driver died) or
   * cancelled when the study stopped (its time limit).
   */
  public synchronized List<Trial> interrupted() {
    return trials.stream().filter(t -> t.state().rerunOnResume()).toList();
  }

  @Override
  public Trial create(Assignment assignment, Budget budget, Lineage lineage, Instant started) {
    return trial(record(n -> new JournalEvent.Created(n, assignment, budget, lineage, started)));
  }

  @Override
  public Trial create(Assignment assignment, Budget budget, Instant started) {
    // Numbered when queued, not before: the interface's default would hold the lock across the commit.
    return trial(record(n -> new JournalEvent.Created(n, assignment, budget, Lineage.root(n), started)));
  }

  @Override
  public Trial restart(int number, Instant started) {
    return trial(record(n -> new JournalEvent.Restarted(number, started)));
  }

  /**
   * Queues the fold and returns without waiting for it to be durable: the next append writes
   * it (one starts at once if none is under way), at the latest the one that records the trial's
   * end, which follows it in the journal. A fold is work a resumed trial need not redo, not a
   * decision anything was based on, so a kill may lose the last few milliseconds' folds; a
   * running trial does not wait on the file system for each of them (on an object store, a
   * round trip per fold).
   */
  @Override
  public void scoreFold(int number, int fold, double value, Instant at) {
    long ticket = enqueue(n -> new JournalEvent.FoldScored(number, fold, value, at));
    if (ticket > 0) commitSoon();
  }

  /** The folds applied, and those still queued, in-process; only the applied ones are on disk. */
  @Override
  public synchronized Map<Integer, Double> scoredFolds(int number) {
    SortedMap<Integer, Double> folds = new TreeMap<>(scoredFolds.getOrDefault(number, Collections.emptySortedMap()));
    for (List<JournalEvent> events : List.of(appending, queue)) {
      for (JournalEvent e : events) if (e instanceof JournalEvent.FoldScored f && f.number() == number) folds.put(f.fold(), f.value());
    }
    return folds.isEmpty() ? Map.of() : Collections.unmodifiableSortedMap(folds);
  }

  /** Returns once everything queued so far (folds and costs, which do not wait) is durable. */
  public void sync() {
    long ticket;
    synchronized (this) {
      ticket = queued;
    }
    commitThrough(ticket);
  }

  @Override
  public Trial finish(int number, Outcome outcome, Instant finished) {
    return trial(record(n -> new JournalEvent.Finished(number, outcome, finished)));
  }

  /**
   * Queued like a fold's score ({@link #scoreFold}): what Spark spent is reported, never decided
   * on, and the study's loop records it after every trial, where a durable append would hold up
   * the next trial (on an object store, a round trip). {@link #sync} before reading the journal
   * from another process.
   */
  @Override
  public void recordCost(int number, TrialCost cost) {
    long ticket = enqueue(n -> new JournalEvent.Costed(number, cost));
    if (ticket > 0) commitSoon();
  }

  /** Applied and still queued costs alike, in-process; only the applied ones are on disk. */
  @Override
  public synchronized Map<Integer, TrialCost> costs() {
    Map<Integer, TrialCost> all = new TreeMap<>(costs);
    for (List<JournalEvent> events : List.of(appending, queue)) {
      for (JournalEvent e : events) if (e instanceof JournalEvent.Costed c) all.merge(c.number(), c.cost(), TrialCost::plus);
    }
    return Map.copyOf(all);
  }

  @Override
  public synchronized List<Trial> trials() {
    return List.copyOf(trials);
  }

  @Override
  public synchronized int size() {
    return trials.size();
  }

  @Override
  public synchronized Trial trial(int number) {
    return trials.get(number);
  }

  @Override
  public Optional<ChangeFeed> changes() {
    return Optional.of(changes);
  }

  public String location() {
    return journal.location();
  }

  /**
   * Checks, queues, appends, then applies the event {@code make} builds from the next free trial
   * number; returns once it is durable and applied, with the number of the trial it concerns.
   *
   * <p>Group commit: an event waits in a queue while another thread's append is under way, and
   * the next append writes everything queued as one segment, outside the store's lock. So the
   * folds that many running trials report at once share a file instead of queueing one file each
   * behind the lock, which at 16 trials in flight held up the study's loop more than anything
   * else. Events reach the journal in the order they were queued, and are applied in that order
   * after their append returned, so the in-memory view never holds what a crash could lose.
   * A fold of a trial whose end is queued already is dropped, as is one of an ended trial.
   */
  private int record(IntFunction<JournalEvent> make) {
    JournalEvent[] made = new JournalEvent[1];
    long ticket = enqueue(n -> made[0] = make.apply(n));
    if (ticket > 0) commitThrough(ticket);
    return numberOf(made[0]);
  }

  /** Checks and queues the event {@code make} builds; its ticket, or 0 for a fold that is dropped. */
  private synchronized long enqueue(IntFunction<JournalEvent> make) {
    JournalEvent e = make.apply(trials.size() + queuedCreations);
    if (e instanceof JournalEvent.FoldScored s && !acceptsFold(s.number())) return 0;
    check(e);
    if (e instanceof JournalEvent.Created) queuedCreations++;
    if (e instanceof JournalEvent.Finished f) ending.add(f.number());
    queue.add(e);
    return ++queued;
  }

  /** Returns once the events up to {@code ticket} are durable and applied, appending them if no one else is. */
  private void commitThrough(long ticket) {
    boolean interrupted = false;
    try {
      while (true) {
        List<JournalEvent> batch;
        long last;
        synchronized (this) {
          // Waiting on the store, not on a lock around the append, lets every event an append
          // carried return at once when it is done, instead of one thread after another.
          while (committing && committed < ticket) {
            try {
              wait();
            } catch (InterruptedException x) {
              interrupted = true;   // the event is queued and will be written: see it through
            }
          }
          if (committed >= ticket) return;
          committing = true;
          batch = List.copyOf(queue);
          appending = batch;
          queue.clear();
          last = queued;
        }
        appendAndApply(batch, last);
      }
    } finally {
      if (interrupted) Thread.currentThread().interrupt();
    }
  }

  /**
   * Has the committer thread append what is queued, unless an append is under way (its end
   * calls this again) or the committer is due to run already.
   */
  private synchronized void commitSoon() {
    if (committing || committerDue || queue.isEmpty()) return;
    committerDue = true;
    committer().execute(() -> {
      long ticket;
      synchronized (this) {
        committerDue = false;
        ticket = queued;
      }
      try {
        commitThrough(ticket);
      } catch (RuntimeException e) {
        // The batch is back in the queue: the next durable event (the trial's end) appends it or fails with it.
      }
    });
  }

  private java.util.concurrent.Executor committer() {
    if (committer == null) {
      // One thread at most, gone after a second idle, so an idle store holds no thread.
      committer = new java.util.concurrent.ThreadPoolExecutor(0, 1, 1, java.util.concurrent.TimeUnit.SECONDS,
          new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "sparktune-journal-" + journal.location());
            t.setDaemon(true);
            return t;
          });
    }
    return committer;
  }

  /** Appends {@code batch} (the queue up to ticket {@code last}) outside the lock, then applies it. */
  private void appendAndApply(List<JournalEvent> batch, long last) {
    try {
      journal.append(batch);
    } catch (RuntimeException failed) {
      // Put the batch back in front: a waiting thread whose event it held commits it or fails alike.
      synchronized (this) {
        queue.addAll(0, batch);
        appending = List.of();
        committing = false;
        notifyAll();
      }
      throw failed;
    }
    synchronized (this) {
      for (JournalEvent b : batch) {
        apply(b);
        if (b instanceof JournalEvent.Created) queuedCreations--;
        if (b instanceof JournalEvent.Finished f) ending.remove(f.number());
      }
      committed = last;
      appending = List.of();
      committing = false;
      notifyAll();
    }
    // Folds queued during this append, which no one may be waiting for.
    commitSoon();
  }

  private boolean acceptsFold(int number) {
    return number >= 0 && number < trials.size() && trials.get(number).state() == TrialState.RUNNING
        && !ending.contains(number);
  }

  private static int numberOf(JournalEvent e) {
    if (e instanceof JournalEvent.Created c) return c.number();
    if (e instanceof JournalEvent.Restarted r) return r.number();
    if (e instanceof JournalEvent.FoldScored s) return s.number();
    if (e instanceof JournalEvent.Finished f) return f.number();
    if (e instanceof JournalEvent.Costed c) return c.number();
    return -1;
  }

  /** Throws before anything is written if {@code e} does not fit the history. */
  private void check(JournalEvent e) {
    if (e instanceof JournalEvent.Created c) {
      if (c.lineage().isRoot() && c.lineage().configId() != c.number()) {
        throw new IllegalArgumentException("a root's configId must be its trial number " + c.number()
            + ", got " + c.lineage().configId());
      }
    } else if (e instanceof JournalEvent.Restarted r) {
      rerunnable(r.number());
    } else if (e instanceof JournalEvent.FoldScored s) {
      running(s.number(), "score a fold of");
    } else if (e instanceof JournalEvent.Finished f) {
      running(f.number(), "finish");
      if (ending.contains(f.number())) throw new IllegalStateException("cannot finish trial " + f.number() + " twice");
    }
  }

  private int apply(JournalEvent e) {
    if (e instanceof JournalEvent.Opened o) {
      study = Optional.of(o.study());
      opened++;
      return -1;
    }
    if (e instanceof JournalEvent.Created c) {
      if (c.number() != trials.size()) {
        throw new IllegalStateException("journal: trial " + c.number() + " created after " + trials.size() + " trials");
      }
      trials.add(Trial.running(c.number(), c.assignment(), c.budget(), c.lineage(), c.started()));
      changes.add(c.number());
      return c.number();
    }
    if (e instanceof JournalEvent.Restarted r) {
      Trial t = rerunnable(r.number());
      trials.set(t.number(), Trial.running(t.number(), t.assignment(), t.budget(), t.lineage(), r.started()));
      changes.add(t.number());
      return t.number();
    }
    if (e instanceof JournalEvent.FoldScored s) {
      running(s.number(), "score a fold of");
      scoredFolds.computeIfAbsent(s.number(), n -> new TreeMap<>()).put(s.fold(), s.value());
      return s.number();
    }
    if (e instanceof JournalEvent.Costed c) {
      running(c.number(), "record the cost of", false);
      costs.merge(c.number(), c.cost(), TrialCost::plus);
      return c.number();
    }
    JournalEvent.Finished f = (JournalEvent.Finished) e;
    trials.set(f.number(), running(f.number(), "finish").finish(f.outcome(), f.finished()));
    changes.add(f.number());
    // A cancelled trial runs again on resume: the folds it scored stand for that rerun.
    if (!(f.outcome() instanceof Outcome.Cancelled)) scoredFolds.remove(f.number());
    return f.number();
  }

  private Trial rerunnable(int number) {
    Trial t = running(number, "restart", false);
    if (!t.state().rerunOnResume()) throw new IllegalStateException("cannot restart trial " + number + ": it " + t.state());
    return t;
  }

  private Trial running(int number, String what) {
    return running(number, what, true);
  }

  private Trial running(int number, String what, boolean mustRun) {
    if (number < 0 || number >= trials.size()) {
      throw new IllegalStateException("cannot " + what + " trial " + number + ": only " + trials.size() + " trials");
    }
    Trial t = trials.get(number);
    if (mustRun && t.state().finished()) throw new IllegalStateException("cannot " + what + " trial " + number + ": it " + t.state());
    return t;
  }
}
