package dev.sparktune.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.sampler.evolution.CmaEsSampler;
import dev.sparktune.sampler.evolution.CmaEsSettings;
import dev.sparktune.sampler.evolution.EvolutionSampler;
import dev.sparktune.sampler.evolution.EvolutionSettings;
import dev.sparktune.sampler.gp.GpSampler;
import dev.sparktune.sampler.gp.GpSettings;
import dev.sparktune.pareto.Constraint;
import dev.sparktune.pareto.Goal;
import dev.sparktune.pareto.Goals;
import dev.sparktune.sampler.moo.Nsga2Sampler;
import dev.sparktune.sampler.moo.Nsga2Settings;
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
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every sampler promises. A new sampler adds one line to {@link #samplers()}. */
class SamplerContractTest {
  static Stream<Named<Supplier<Sampler>>> samplers() {
    return Stream.of(
        Named.of("random", RandomSampler::new),
        Named.of("sobol", () -> new SobolSampler(7)),
        Named.of("grid", () -> new GridSampler(OptionalInt.of(2))),
        Named.of("tpe", () -> new TpeSampler(TpeSettings.defaults(), 7)),
        Named.of("tpe univariate", () -> new TpeSampler(TpeSettings.defaults().withMultivariate(false), 7)),
        Named.of("gp", () -> new GpSampler(new GpSettings(10, 64, true), 7)),
        Named.of("evolution", () -> new EvolutionSampler(EvolutionSettings.defaults(), 7)),
        Named.of("cmaes", () -> new CmaEsSampler(CmaEsSettings.defaults())),
        Named.of("nsga2", () -> new Nsga2Sampler(Nsga2Settings.defaults(), Samplers.ONE_SCORE, 7)),
        // One objective with a constraint: the constrained (MOTPE) path of tpe.
        Named.of("tpe constrained", () -> new MotpeSampler(TpeSettings.defaults(), new Goals("value",
            List.of(new Goal("value", Direction.MINIMIZE)), List.of(new Constraint("value", Constraint.Op.LT, 60))), 7)),
        Named.of("auto", () -> Samplers.create("auto", new Samplers.Options(7, OptionalInt.empty()), Spaces.everyKind())));
  }

  private final SearchSpace space = Spaces.everyKind();

  @ParameterizedTest
  @MethodSource("samplers")
  void staysInsideBoundsStepsAndTypes(Supplier<Sampler> sampler) {
    InMemoryTrialStore store = new InMemoryTrialStore();
    Sampler s = sampler.get();
    for (int i = 0; i < 120; i++) {
      Assignment a = s.sample(space, store, Rngs.forTrial(7, i)).orElseThrow();
      assertTrue(space.contains(a), () -> "trial " + store.trials().size() + ": " + a);
      tell(store, a, i);
    }
  }

  @ParameterizedTest
  @MethodSource("samplers")
  void sameSeedSameHistorySameProposal(Supplier<Sampler> sampler) {
    InMemoryTrialStore a = new InMemoryTrialStore();
    InMemoryTrialStore b = new InMemoryTrialStore();
    Sampler first = sampler.get();
    for (int i = 0; i < 40; i++) {
      Assignment x = first.sample(space, a, Rngs.forTrial(3, i)).orElseThrow();
      // A fresh sampler over a copied history stands for a study replayed from its journal.
      Assignment y = sampler.get().sample(space, b, Rngs.forTrial(3, i)).orElseThrow();
      assertTrue(x.sameAs(y), () -> x + " vs " + y);
      tell(a, x, i);
      tell(b, y, i);
    }
  }

  @ParameterizedTest
  @MethodSource("samplers")
  void exploresRatherThanRepeating(Supplier<Sampler> sampler) {
    InMemoryTrialStore store = new InMemoryTrialStore();
    Sampler s = sampler.get();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      Assignment a = s.sample(space, store, Rngs.forTrial(11, i)).orElseThrow();
      seen.add(a.toString());
      tell(store, a, i);
    }
    assertEquals(50, seen.size());
  }

  private static void tell(InMemoryTrialStore store, Assignment a, int i) {
    Trial t = store.create(a, Budget.full(), Instant.EPOCH);
    store.finish(t.number(), Outcome.completed(i), Instant.EPOCH);
  }
}
