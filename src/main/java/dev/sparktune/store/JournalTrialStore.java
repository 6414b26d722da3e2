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

/**
 * A {@link TrialStore} whose history is the replay of a {@link Journal}. Every change is appended
 * to the journal first and applied to the in-memory view only after the append returned: what
 * the sampler, the scheduler or a stop rule has seen is always on disk, so a resumed run decides
 * as the dead one would have. Replay and live changes go through the same {@link #apply}, so the
 * two cannot drift apart.
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
  public synchronized void begin(StudyFingerprint fingerprint, Instant at) {
    record(new JournalEvent.Opened(fingerprint, at));
  }

  /**
   * Trials to run again: running when the journal was last written (their driver died) or
   * cancelled when the study stopped (its time limit).
   */
  public synchronized List<Trial> interrupted() {
    return trials.stream().filter(t -> t.state().rerunOnResume()).toList();
  }

  @Override
  public synchronized Trial create(Assignment assignment, Budget budget, Lineage lineage, Instant started) {
    return trials.get(record(new JournalEvent.Created(trials.size(), assignment, budget, lineage, started)));
  }

  @Override
  public synchronized Trial restart(int number, Instant started) {
    return trials.get(record(new JournalEvent.Restarted(number, started)));
  }

  @Override
  public synchronized void scoreFold(int number, int fold, double value, Instant at) {
    if (number < 0 || number >= trials.size() || trials.get(number).state() != TrialState.RUNNING) return;
    record(new JournalEvent.FoldScored(number, fold, value, at));
  }

  @Override
  public synchronized Map<Integer, Double> scoredFolds(int number) {
    SortedMap<Integer, Double> folds = scoredFolds.get(number);
    return folds == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(folds));
  }

  @Override
  public synchronized Trial finish(int number, Outcome outcome, Instant finished) {
    return trials.get(record(new JournalEvent.Finished(number, outcome, finished)));
  }

  @Override
  public synchronized void recordCost(int number, TrialCost cost) {
    record(new JournalEvent.Costed(number, cost));
  }

  @Override
  public synchronized Map<Integer, TrialCost> costs() {
    return Map.copyOf(costs);
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

  /** Checks, appends, then applies; returns the trial number the event concerns. */
  private int record(JournalEvent e) {
    check(e);
    journal.append(List.of(e));
    return apply(e);
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
