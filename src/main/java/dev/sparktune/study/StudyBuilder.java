package dev.sparktune.study;

import dev.sparktune.sampler.Sampler;
import dev.sparktune.sampler.Samplers;
import dev.sparktune.scheduler.Fifo;
import dev.sparktune.scheduler.FoldPruning;
import dev.sparktune.scheduler.Ladder;
import dev.sparktune.scheduler.Scheduler;
import dev.sparktune.scheduler.Schedulers;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.store.InMemoryTrialStore;
import dev.sparktune.store.Journal;
import dev.sparktune.store.JournalBackend;
import dev.sparktune.store.JournalTrialStore;
import dev.sparktune.store.LocalJournalBackend;
import dev.sparktune.store.StudyFingerprint;
import dev.sparktune.store.TrialStore;
import dev.sparktune.trial.Direction;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Builds a {@link Study} for use as an ask/tell library, with the CLI's defaults: the
 * {@code random} sampler, seed 7, every configuration at the full budget ({@code fifo}), no fold
 * pruning, minimize, history in memory. The seed is given once and reaches both the sampler and
 * the per-trial random streams; a sampler is named as in {@code sparktune.search.sampler}.
 *
 * <pre>{@code
 * Study study = Study.builder(SpaceReader.parse("x { type = float, low = -5, high = 10 }"))
 *     .sampler("tpe").seed(7).minimize().journal(Path.of("out/journal")).build();
 * }</pre>
 */
public final class StudyBuilder {
  /** Merge journal segments above this many, as the CLI does. */
  private static final int COMPACT_ABOVE = 32;

  private final SearchSpace space;
  private String samplerName = "random";
  private Sampler sampler;
  private long seed = 7;
  private Direction direction = Direction.MINIMIZE;
  private Scheduler scheduler = new Fifo();
  private Optional<FoldPruning> pruning = Optional.empty();
  private JournalBackend journal;
  private String name = "";
  private Clock clock = Clock.systemUTC();
  private Consumer<String> log = m -> { };
  private java.util.OptionalInt planned = java.util.OptionalInt.empty();

  StudyBuilder(SearchSpace space) {
    this.space = Objects.requireNonNull(space, "space");
  }

  /** A sampler by its CLI name: grid, random, sobol, tpe, gp, evolution, cmaes, auto. */
  public StudyBuilder sampler(String name) {
    if (!Samplers.names().contains(name)) {
      throw new IllegalArgumentException("sampler: expected one of " + Samplers.names() + ", got '" + name + "'");
    }
    this.samplerName = name;
    this.sampler = null;
    return this;
  }

  /** A sampler built by the caller (its own settings, or an implementation of {@link Sampler}). */
  public StudyBuilder sampler(Sampler s) {
    this.sampler = Objects.requireNonNull(s);
    return this;
  }

  public StudyBuilder seed(long seed) {
    this.seed = seed;
    return this;
  }

  public StudyBuilder minimize() {
    this.direction = Direction.MINIMIZE;
    return this;
  }

  public StudyBuilder maximize() {
    this.direction = Direction.MAXIMIZE;
    return this;
  }

  public StudyBuilder direction(Direction d) {
    this.direction = Objects.requireNonNull(d);
    return this;
  }

  /**
   * A schedule by its CLI name ({@code fifo}, {@code successive-halving}, {@code hyperband},
   * {@code asha}, {@code median-stopping}) over {@code ladder}'s budgets: each asked trial then
   * carries the budget to evaluate it at, and promotions come back as new trials.
   */
  public StudyBuilder schedule(String type, Ladder ladder) {
    this.scheduler = Schedulers.create(type, ladder, 1);
    return this;
  }

  public StudyBuilder schedule(Scheduler s) {
    this.scheduler = Objects.requireNonNull(s);
    return this;
  }

  /** Prune a trial from the values it {@link Study#report reports} against the incumbent's (fold pruning). */
  public StudyBuilder pruning(FoldPruning p) {
    this.pruning = Optional.of(p);
    return this;
  }

  /**
   * Keep the history as a journal in {@code dir} (created if needed): building again on the
   * same directory replays it, so a rerun of the same code continues the study; trials that were
   * asked but never told are asked again first, with the same params and budget. One process at
   * a time: unlike the CLI, the library takes no lock on the directory.
   */
  public StudyBuilder journal(Path dir) {
    return journal(new LocalJournalBackend(dir));
  }

  /** A journal on any {@link JournalBackend} (the Spark edge passes a Hadoop FileSystem one). */
  public StudyBuilder journal(JournalBackend backend) {
    this.journal = Objects.requireNonNull(backend);
    return this;
  }

  /** What the journal remembers the study as, beyond its space: a resume with another name is refused. */
  public StudyBuilder name(String name) {
    this.name = Objects.requireNonNull(name);
    return this;
  }

  /** How many trials the caller plans: the {@code auto} sampler chooses by it. */
  public StudyBuilder plannedTrials(int trials) {
    this.planned = java.util.OptionalInt.of(trials);
    return this;
  }

  public StudyBuilder clock(Clock c) {
    this.clock = Objects.requireNonNull(c);
    return this;
  }

  /** Where a sampler says what it decided and why ({@code auto}'s choice). */
  public StudyBuilder log(Consumer<String> log) {
    this.log = Objects.requireNonNull(log);
    return this;
  }

  /**
   * @throws IllegalArgumentException if the sampler cannot work on the space (a grid over a
   *     continuous range), or the journal was written for another study (its space, direction or name)
   * @throws dev.sparktune.store.JournalDamaged if the journal is damaged
   */
  public Study build() {
    Sampler s = sampler != null ? sampler
        : Samplers.create(samplerName, planned.isPresent()
            ? new Samplers.Options(seed).withPlannedTrials(planned.getAsInt(), log) : new Samplers.Options(seed), space);
    TrialStore store = journal == null ? new InMemoryTrialStore() : open(journal);
    return new Study(space, s, scheduler, pruning, direction, store, seed, clock);
  }

  private JournalTrialStore open(JournalBackend backend) {
    JournalTrialStore store = JournalTrialStore.open(new Journal(backend, COMPACT_ABOVE, log));
    StudyFingerprint now = new StudyFingerprint(space.params().toString(), "ask/tell " + name,
        direction.name().toLowerCase(java.util.Locale.ROOT), scheduler.name() + " " + scheduler.ladder());
    Optional<StudyFingerprint> was = store.study();
    if (was.isPresent()) {
      List<String> changes = was.get().changesTo(now);
      if (!changes.isEmpty()) {
        throw new IllegalArgumentException("journal " + backend.location() + " was written for another study: "
            + String.join("; ", changes) + "; use another directory");
      }
    }
    store.begin(now, clock.instant());
    return store;
  }
}
