package dev.sparktune.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.objective.Objective;
import dev.sparktune.sampler.RandomSampler;
import dev.sparktune.sampler.Sampler;
import dev.sparktune.sampler.tpe.TpeSampler;
import dev.sparktune.sampler.tpe.TpeSettings;
import dev.sparktune.space.Assignment;
import dev.sparktune.store.InMemoryJournalBackend;
import dev.sparktune.store.InMemoryTrialStore;
import dev.sparktune.store.Journal;
import dev.sparktune.store.JournalTrialStore;
import dev.sparktune.store.TrialStore;
import dev.sparktune.testing.FakeClock;
import dev.sparktune.testing.Objectives;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.History;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A study warm-started from an earlier one on Branin, without Spark: the earlier best run first,
 * the sampler learns from the earlier results, and none of it leaks into this study's own trials.
 * "Today's data" is Branin shifted by 1, so an earlier score is never mistaken for today's.
 */
class WarmStartedStudyTest {
  private static final Objective TODAY = (a, ctx) -> Outcome.completed(today(a));

  private static double today(Assignment a) {
    return Objectives.branin(a) + 1.0;
  }

  /** Yesterday's study: 30 random configurations. */
  private static List<Trial> yesterday() {
    Study s = new Study(Objectives.BRANIN_SPACE, new RandomSampler(), Direction.MINIMIZE, new InMemoryTrialStore(), 1,
        new FakeClock());
    return s.optimize(Objectives.branin(), List.of(new StopRule.MaxTrials(30)), 1, StudyListener.NONE).trials();
  }

  private static Prior prior(int topK) {
    return PriorSelection.select(yesterday(), Direction.MINIMIZE, Objectives.BRANIN_SPACE, topK);
  }

  private static Study study(Sampler sampler, TrialStore store) {
    return new Study(Objectives.BRANIN_SPACE, sampler, Direction.MINIMIZE, store, 7, new FakeClock());
  }

  private static long count(List<Trial> trials, Assignment a) {
    return trials.stream().filter(t -> t.assignment().sameAs(a)).count();
  }

  @Test
  void theEarlierBestRunFirstThenTheSamplerAndOnlyThisStudysTrialsCount() {
    Prior prior = prior(5);
    StudyResult r = study(new PriorSampler(new RandomSampler(), prior), new InMemoryTrialStore())
        .optimize(TODAY, List.of(new StopRule.MaxTrials(12)), 3, StudyListener.NONE);

    assertEquals(12, r.trials().size(), "the 30 earlier results do not count towards search.trials");
    for (int i = 0; i < 5; i++) {
      assertTrue(r.trials().get(i).assignment().sameAs(prior.first().get(i)), "trial " + i + " is earlier best " + i);
    }
    for (Trial t : r.trials().subList(5, 12)) assertEquals(0, prior.first().stream().filter(t.assignment()::sameAs).count());
    Trial best = r.best().orElseThrow();
    assertTrue(best.number() >= 0 && r.trials().contains(best));
    assertEquals(today(best.assignment()), best.value().getAsDouble(), "the best holds today's score");
    // The earlier best re-checked: its score now is today's, one worse than yesterday's.
    assertEquals(Objectives.branin(prior.first().get(0)) + 1.0, r.trials().get(0).value().getAsDouble(), 1e-12);
  }

  @Test
  void theSamplerLearnsFromEarlierResultsUntilTheirConfigurationIsEvaluatedHere() {
    Prior prior = prior(5);
    assertEquals(30, prior.observations().size());
    List<History> seen = new ArrayList<>();
    Sampler recording = (space, history, rng) -> {
      seen.add(history);
      return new RandomSampler().sample(space, history, rng);
    };
    Study s = study(new PriorSampler(recording, prior), new InMemoryTrialStore());
    for (int i = 0; i < 5; i++) {
      Trial t = s.ask().orElseThrow();
      s.tell(t.number(), Outcome.completed(today(t.assignment())));
    }
    assertTrue(seen.isEmpty(), "the earlier best are proposed without asking the sampler");

    s.ask().orElseThrow();
    List<Trial> view = seen.get(0).trials();
    List<Trial> earlier = view.stream().filter(t -> t.number() < 0).toList();
    assertEquals(25, earlier.size(), "the 5 re-checked configurations count only by today's score");
    for (Trial t : earlier) {
      assertEquals(0, count(s.trials(), t.assignment()), "an earlier result of a configuration evaluated here");
      assertEquals(Objectives.branin(t.assignment()), t.value().getAsDouble(), "yesterday's score, as measured");
    }
    assertEquals(s.trials().subList(0, 5), view.subList(25, 30), "then this study's own trials");
    assertEquals(6, s.trials().size());
    assertFalse(s.trials().stream().anyMatch(t -> t.number() < 0));
  }

  @Test
  void tpeWarmStartedFindsGoodConfigurationsSooner() {
    TpeSettings tpe = TpeSettings.defaults();
    List<Trial> warm = study(new PriorSampler(new TpeSampler(tpe, 3), prior(1)), new InMemoryTrialStore())
        .optimize(TODAY, List.of(new StopRule.MaxTrials(11)), 1, StudyListener.NONE).trials();
    List<Trial> cold = study(new TpeSampler(tpe, 3), new InMemoryTrialStore())
        .optimize(TODAY, List.of(new StopRule.MaxTrials(10)), 1, StudyListener.NONE).trials();
    // The ten configurations each sampler proposed first: the warm one already knows 30 results.
    double warmMedian = median(warm.subList(1, 11));
    double coldMedian = median(cold);
    assertTrue(warmMedian < coldMedian / 2, "warm " + warmMedian + ", cold " + coldMedian);
  }

  @Test
  void aResumedWarmStartRepeatsNoEarlierBestAndRebuildsThePrior() {
    InMemoryJournalBackend backend = new InMemoryJournalBackend();
    TpeSettings tpe = TpeSettings.defaults();
    Study first = study(new PriorSampler(new TpeSampler(tpe, 3), prior(4)), open(backend));
    List<Trial> asked = new ArrayList<>();
    for (int i = 0; i < 6; i++) asked.add(first.ask().orElseThrow());
    for (int n : List.of(0, 1, 2, 4)) first.tell(n, Outcome.completed(today(asked.get(n).assignment())));
    // The driver dies: trials 3 (an earlier best) and 5 (the sampler's) were running.

    // A new driver reads the earlier study again and starts from a fresh sampler.
    Prior again = prior(4);
    List<Trial> resumed = study(new PriorSampler(new TpeSampler(tpe, 3), again), open(backend))
        .optimize(TODAY, List.of(new StopRule.MaxTrials(12)), 1, StudyListener.NONE).trials();

    assertEquals(12, resumed.size());
    for (Assignment a : again.first()) assertEquals(1, count(resumed, a), "earlier best " + a + " runs once");
    for (int n = 0; n < 6; n++) assertTrue(resumed.get(n).assignment().sameAs(asked.get(n).assignment()));

    // An uninterrupted study, told in the same order, proposes the same twelve.
    Study whole = study(new PriorSampler(new TpeSampler(tpe, 3), prior(4)), new InMemoryTrialStore());
    List<Trial> u = new ArrayList<>();
    for (int i = 0; i < 6; i++) u.add(whole.ask().orElseThrow());
    for (int n : List.of(0, 1, 2, 4, 3, 5)) whole.tell(n, Outcome.completed(today(u.get(n).assignment())));
    for (int i = 6; i < 12; i++) {
      Trial t = whole.ask().orElseThrow();
      whole.tell(t.number(), Outcome.completed(today(t.assignment())));
    }
    for (int i = 0; i < 12; i++) {
      assertTrue(whole.trials().get(i).assignment().sameAs(resumed.get(i).assignment()), "trial " + i);
    }
  }

  private static JournalTrialStore open(InMemoryJournalBackend backend) {
    return JournalTrialStore.open(new Journal(backend, 4, w -> {}));
  }

  private static double median(List<Trial> trials) {
    double[] v = trials.stream().mapToDouble(t -> t.value().getAsDouble()).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
