package dev.sparktune.sampler;

import dev.sparktune.space.Assignment;
import dev.sparktune.space.CategoricalParam;
import dev.sparktune.space.FloatParam;
import dev.sparktune.space.IntParam;
import dev.sparktune.space.Param;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.History;
import dev.sparktune.trial.Lineage;
import dev.sparktune.trial.Trial;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Any sampler, minus repeats: a new configuration is never one the history already holds (at any
 * budget, in any state, running included), so no trial is spent on a point already paid for. On
 * int and categorical spaces model-based samplers do propose repeats (TPE proposed one
 * random-forest configuration four times in 20 trials), since a model's best guess is a cell
 * of the cube, and Sobol or random points land in taken cells by chance.
 *
 * <p>A repeat is answered by asking the sampler again with a fresh random stream and with the
 * repeats so far shown to it as running trials, so model-based samplers are pushed away from them
 * (the constant liar they already apply to running trials) and Sobol moves to its next point.
 * After {@value #RESAMPLES} more repeats, a finite space (int, categorical and stepped params
 * only) yields a uniformly drawn point not yet tried, and an infinite one a uniform random point.
 * Once every point of a finite space has been tried the sampler is {@link #exhausted}: it returns
 * empty with a reason.
 *
 * <p>A promotion (the same configuration at a higher budget) never comes here: schedulers make
 * it from the history; only new configurations are sampled.
 *
 * <p>Deterministic: the first attempt gets the trial's own stream untouched (a study that never
 * repeats itself proposes exactly what it did before this class existed), and every later
 * stream is derived from it, so the same history still gives the same proposal on a resume.
 */
public final class DistinctSampler implements Sampler {
  /** Attempts with a fresh stream after the first proposal turned out to be a repeat. */
  static final int RESAMPLES = 10;
  /** Finite spaces up to this many points are enumerated to find the points not yet tried. */
  static final long ENUMERABLE = 100_000;
  /** Uniform draws tried on an infinite space after the sampler's own attempts. */
  private static final int UNIFORM_DRAWS = 1_000;

  private final Sampler inner;
  private final RandomSampler uniform = new RandomSampler();
  private final TriedKeys tried = new TriedKeys();
  private SearchSpace cachedSpace;
  private List<Assignment> points;   // the finite space's points, or null when it is too large or infinite
  private volatile String exhausted;

  public DistinctSampler(Sampler inner) {
    this.inner = Objects.requireNonNull(inner);
  }

  /** Wraps {@code s} unless it is a DistinctSampler already. */
  public static DistinctSampler of(Sampler s) {
    return s instanceof DistinctSampler d ? d : new DistinctSampler(s);
  }

  public Sampler inner() {
    return inner;
  }

  @Override
  public synchronized Optional<Assignment> sample(SearchSpace space, History history, RandomGenerator rng) {
    exhausted = null;
    Set<String> seen = tried.of(history);
    List<Assignment> all = points(space);
    if (all != null && countUnseen(all, seen) == 0) return exhaust(all.size());

    Optional<Assignment> a = inner.sample(space, history, rng);
    if (a.isEmpty()) return a;   // the sampler itself is done (a finished grid)
    if (!seen.contains(a.get().key())) return a;
    long base = rng.nextLong();
    List<Trial> shown = new ArrayList<>(history.trials());
    for (int k = 1; k <= RESAMPLES; k++) {
      shown.add(phantom(shown.size(), a.get()));
      a = inner.sample(space, History.of(shown, history.direction()), stream(base, k));
      if (a.isEmpty()) return a;
      if (!seen.contains(a.get().key())) return a;
    }
    RandomGenerator last = stream(base, RESAMPLES + 1);
    if (all != null) {
      List<Assignment> unseen = all.stream().filter(p -> !seen.contains(p.key())).toList();
      return Optional.of(unseen.get(last.nextInt(unseen.size())));
    }
    for (int k = 0; k < UNIFORM_DRAWS; k++) {
      Optional<Assignment> u = uniform.sample(space, history, last);
      if (u.isPresent() && !seen.contains(u.get().key())) return u;
    }
    exhausted = "found no configuration not tried yet in " + UNIFORM_DRAWS + " random draws";
    return Optional.empty();
  }

  /** Why the last {@link #sample} returned empty, if this class decided it (not the wrapped sampler). */
  public Optional<String> exhausted() {
    return Optional.ofNullable(exhausted);
  }

  @Override
  public OptionalLong size(SearchSpace space) {
    return inner.size(space);
  }

  private Optional<Assignment> exhaust(int size) {
    exhausted = "the search space is exhausted: all " + size + " configurations have been tried";
    return Optional.empty();
  }

  private static long countUnseen(List<Assignment> all, Set<String> seen) {
    // Cheap before the full check: fewer trials than points means something is left.
    if (seen.size() < all.size()) return all.size() - seen.size();
    return all.stream().filter(p -> !seen.contains(p.key())).count();
  }

  /** A repeat shown to the sampler as a running trial, numbered as the next trial would be. */
  private static Trial phantom(int number, Assignment a) {
    return Trial.running(number, a, Budget.full(), Lineage.root(number), Instant.EPOCH);
  }

  private static RandomGenerator stream(long base, int k) {
    return new SplittableRandom(Rngs.mix(base + k * 0x9E3779B97F4A7C15L));
  }

  /** Every point of a finite space, as the unit cube decodes it (so keys match sampled ones); null if infinite or huge. */
  private List<Assignment> points(SearchSpace space) {
    if (space.equals(cachedSpace)) return points;
    cachedSpace = space;
    points = null;
    double product = 1;
    for (Param p : space.params()) product *= values(p);
    if (product <= ENUMERABLE) {
      List<Assignment> grid = new GridSampler(OptionalInt.empty()).points(space);
      List<Assignment> canonical = new ArrayList<>(grid.size());
      Set<String> keys = new HashSet<>();
      for (Assignment g : grid) {
        Assignment c = space.cube().decode(space.cube().encode(g));
        if (keys.add(c.key())) canonical.add(c);
      }
      points = List.copyOf(canonical);
    }
    return points;
  }

  /** How many values a param takes as the cube decodes it; infinity for a continuous range. */
  private static double values(Param p) {
    if (p instanceof CategoricalParam c) return c.choices().size();
    if (p instanceof IntParam ip) return ip.size();
    FloatParam fp = (FloatParam) p;
    if (fp.low() == fp.high()) return 1;
    // The cube decodes a log range continuously, stepped or not.
    return fp.step().isPresent() && !fp.log() ? fp.steps() + 1 : Double.POSITIVE_INFINITY;
  }
}
