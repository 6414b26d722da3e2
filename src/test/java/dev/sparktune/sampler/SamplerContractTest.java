package dev.sparktune.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.pareto.Constraint;
import dev.sparktune.pareto.Goal;
import dev.sparktune.pareto.Goals;
import dev.sparktune.sampler.tpe.MotpeSampler;
import dev.sparktune.sampler.tpe.TpeSampler;
import dev.sparktune.trial.Direction;
import java.util.List;
import dev.sparktune.sampler.tpe.TpeSettings;
import dev.sparktune.space.Assignment;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.store.InMemoryTrialStore;
import dev.sparktune.testing.Spaces;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import dev.sparktune.trial.Direction;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every sampler promises, in both directions. The list is the registry's
 * ({@link Samplers#names()}), so a new sampler is tested as soon as it is registered; variants
 * that a setting switches on are added by hand.
 */
class SamplerContractTest {
  private static final SearchSpace SPACE = Spaces.everyKind();

  static Stream<Named<Supplier<Sampler>>> registered() {
    Stream<Named<Supplier<Sampler>>> byName = Samplers.names().stream()
        .map(n -> Named.of(n, () -> Samplers.create(n, new Samplers.Options(7, OptionalInt.of(2)), SPACE)));
    return Stream.concat(byName, Stream.of(
        Named.of("tpe univariate", () -> new TpeSampler(TpeSettings.defaults().withMultivariate(false), 7))));
  }

  /**
   * The registered samplers and one more variant: tpe with one objective and a constraint (its
   * constrained, MOTPE path). Its goals fix the direction, as a study's objectives do, so it is
   * not in the mirror test, which is about samplers that take the direction from the history.
   */
  static Stream<Named<Supplier<Sampler>>> variants() {
    return Stream.concat(registered(), Stream.of(
        Named.of("tpe constrained", () -> new MotpeSampler(TpeSettings.defaults(), new Goals("value",
            List.of(new Goal("value", Direction.MINIMIZE)), List.of(new Constraint("value", Constraint.Op.LT, 60))), 7))));
  }

  static Stream<Arguments> samplers() {
    return variants().flatMap(s -> Stream.of(Direction.values()).map(d -> Arguments.of(s, d)));
  }

  @Test
  void everyRegisteredSamplerIsHere() {
    assertEquals(Samplers.names(), registered().map(Named::getName).filter(Samplers.names()::contains)
        .collect(Collectors.toCollection(TreeSet::new)));
    assertTrue(Samplers.names().containsAll(List.of("grid", "random", "sobol", "tpe", "gp", "evolution", "cmaes", "auto")));
  }

  private final SearchSpace space = SPACE;

  @ParameterizedTest
  @MethodSource("samplers")
  void staysInsideBoundsStepsAndTypes(Supplier<Sampler> sampler, Direction direction) {
    InMemoryTrialStore store = new InMemoryTrialStore();
    Sampler s = sampler.get();
    for (int i = 0; i < 120; i++) {
      Assignment a = s.sample(space, store.toward(direction), Rngs.forTrial(7, i)).orElseThrow();
      assertTrue(space.contains(a), () -> "trial " + store.trials().size() + ": " + a);
      tell(store, a, i);
    }
  }

  @ParameterizedTest
  @MethodSource("samplers")
  void sameSeedSameHistorySameProposal(Supplier<Sampler> sampler, Direction direction) {
    InMemoryTrialStore a = new InMemoryTrialStore();
    InMemoryTrialStore b = new InMemoryTrialStore();
    Sampler first = sampler.get();
    for (int i = 0; i < 40; i++) {
      Assignment x = first.sample(space, a.toward(direction), Rngs.forTrial(3, i)).orElseThrow();
      // A fresh sampler over a copied history stands for a study replayed from its journal.
      Assignment y = sampler.get().sample(space, b.toward(direction), Rngs.forTrial(3, i)).orElseThrow();
      assertTrue(x.sameAs(y), () -> x + " vs " + y);
      tell(a, x, i);
      tell(b, y, i);
    }
  }

  @ParameterizedTest
  @MethodSource("samplers")
  void exploresRatherThanRepeating(Supplier<Sampler> sampler, Direction direction) {
    InMemoryTrialStore store = new InMemoryTrialStore();
    Sampler s = sampler.get();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      Assignment a = s.sample(space, store.toward(direction), Rngs.forTrial(11, i)).orElseThrow();
      seen.add(a.toString());
      tell(store, a, i);
    }
    assertEquals(50, seen.size());
  }

  /**
   * The direction is read from the history: maximising values v proposes exactly what minimising
   * -v does, at every step (so a sampler that ignored the direction, or assumed one, fails here).
   */
  @ParameterizedTest
  @MethodSource("registered")
  void readsTheDirectionFromTheHistory(Supplier<Sampler> sampler) {
    InMemoryTrialStore max = new InMemoryTrialStore();
    InMemoryTrialStore min = new InMemoryTrialStore();
    Sampler up = sampler.get();
    Sampler down = sampler.get();
    for (int i = 0; i < 40; i++) {
      Assignment x = up.sample(space, max.toward(Direction.MAXIMIZE), Rngs.forTrial(5, i)).orElseThrow();
      Assignment y = down.sample(space, min.toward(Direction.MINIMIZE), Rngs.forTrial(5, i)).orElseThrow();
      assertTrue(x.sameAs(y), () -> x + " vs " + y);
      double v = Math.sin(7.0 * i) + 0.01 * i;   // an arbitrary objective, not monotone in the trial number
      finish(max, x, v);
      finish(min, y, -v);
    }
  }

  private static void tell(InMemoryTrialStore store, Assignment a, int i) {
    finish(store, a, i);
  }

  private static void finish(InMemoryTrialStore store, Assignment a, double value) {
    Trial t = store.create(a, Budget.full(), Instant.EPOCH);
    store.finish(t.number(), Outcome.completed(value), Instant.EPOCH);
  }
}
