package dev.sparktune.study;

import dev.sparktune.sampler.Sampler;
import dev.sparktune.space.Assignment;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.trial.History;
import dev.sparktune.trial.Trial;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * A sampler warm-started by a {@link Prior}. Until each of the prior's best configurations has a
 * trial in this study it proposes them, best first; then it asks the wrapped sampler, showing it
 * the prior's earlier results ahead of this study's own trials, as if they had come first.
 *
 * <p>Today's evaluation wins: an earlier result is hidden from the wrapped sampler as soon as
 * this study has a trial of the same configuration (running, finished, at any budget), since the
 * earlier score was measured on earlier data. So a configuration never appears twice in what the
 * sampler learns from, and a re-checked one counts only by its new score.
 *
 * <p>Everything is decided from the history passed in: a resumed study whose journal already holds
 * some of the best configurations does not propose them again, and proposes what an uninterrupted
 * one would have. The earlier results exist only in the sampler's view; the study's store, best,
 * trial table and stop rules never see them.
 */
public final class PriorSampler implements Sampler {
  private final Sampler inner;
  private final Prior prior;
  private final List<String> priorKeys;
  // Keys of this study's assignments by trial number; a trial's assignment never changes, and an
  // entry is reused only for the very same assignment object, so a stale entry is never read.
  private final List<Assignment> keyed = new ArrayList<>();
  private final List<String> keys = new ArrayList<>();

  public PriorSampler(Sampler inner, Prior prior) {
    this.inner = Objects.requireNonNull(inner);
    this.prior = Objects.requireNonNull(prior);
    this.priorKeys = prior.observations().stream().map(t -> t.assignment().key()).toList();
  }

  public Prior prior() {
    return prior;
  }

  @Override
  public Optional<Assignment> sample(SearchSpace space, History history, RandomGenerator rng) {
    Set<String> here = keysOf(history.trials());
    for (Assignment a : prior.first()) {
      if (!here.contains(a.key())) return Optional.of(a);
    }
    if (prior.observations().isEmpty()) return inner.sample(space, history, rng);
    return inner.sample(space, withPrior(history, here), rng);
  }

  @Override
  public OptionalLong size(SearchSpace space) {
    return inner.size(space);
  }

  /** The earlier results not yet evaluated here (numbered below 0), then this study's trials. */
  History withPrior(History history, Set<String> here) {
    List<Trial> all = new ArrayList<>(prior.observations().size() + history.trials().size());
    for (int i = 0; i < priorKeys.size(); i++) {
      if (!here.contains(priorKeys.get(i))) all.add(prior.observations().get(i));
    }
    all.addAll(history.trials());
    return History.of(all, history.direction());
  }

  private synchronized Set<String> keysOf(List<Trial> trials) {
    Set<String> out = new HashSet<>();
    for (Trial t : trials) {
      int n = t.number();
      if (n < 0) {
        out.add(t.assignment().key());
        continue;
      }
      while (keyed.size() <= n) {
        keyed.add(null);
        keys.add(null);
      }
      if (keyed.get(n) != t.assignment()) {
        keyed.set(n, t.assignment());
        keys.set(n, t.assignment().key());
      }
      out.add(keys.get(n));
    }
    return out;
  }
}
