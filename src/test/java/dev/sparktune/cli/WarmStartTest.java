package dev.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.config.Settings;
import dev.sparktune.config.SettingsLoader;
import dev.sparktune.sampler.Rngs;
import dev.sparktune.sampler.tpe.TpeSampler;
import dev.sparktune.space.Assignment;
import dev.sparktune.store.Journal;
import dev.sparktune.store.JournalTrialStore;
import dev.sparktune.store.hadoop.HadoopJournalBackend;
import dev.sparktune.testing.SparkTestSession;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.History;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Warm start through the CLI entry point on real data, in this JVM's shared Spark session: study
 * A, then study B with {@code warm-start.from = A}. B's first trials are A's best, its TPE
 * proposal after them is the one A's results lead to (not the Sobol point B alone would get).
 * Resuming a warm-started study is covered without Spark ({@code WarmStartedStudyTest},
 * {@link WarmStartReadTest}).
 */
@Tag("spark")
class WarmStartTest {

  @BeforeAll
  static void spark() {
    SparkTestSession.get();
  }

  private static List<String> args(Path out, String... overrides) {
    List<String> args = new ArrayList<>(List.of(
        "sparktune.name=warm",
        "sparktune.data.path=" + SparkTestSession.data("spambase/spambase.libsvm"),
        "sparktune.model.estimator=logistic-regression",
        "sparktune.model.fixed.maxIter=5",
        "sparktune.space.regParam={type=float, low=1e-4, high=1.0, log=true}",
        "sparktune.space.elasticNetParam={type=float, low=0.0, high=1.0}",
        "sparktune.metric=areaUnderROC",
        "sparktune.search.sampler=tpe",
        "sparktune.search.tpe.startup-trials=4",
        "sparktune.cv.folds=2",
        "sparktune.output.refit=false",
        "sparktune.output.dir=" + out.toUri()));
    args.addAll(Arrays.asList(overrides));
    return args;
  }

  private static MainRun run(Path out, String... overrides) {
    return MainRun.of(args(out, overrides));
  }

  private static List<Trial> journal(Path dir) {
    return JournalTrialStore.open(new Journal(new HadoopJournalBackend(dir.resolve("journal").toUri().toString(),
        new Configuration()), 32, w -> {}, () -> false)).trials();
  }

  @Test
  void studyBStartsWithABestAndItsSamplerLearnsFromA(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("a");
    MainRun first = run(a, "sparktune.search.trials=5", "sparktune.search.parallelism=2", "sparktune.search.seed=1");
    assertEquals(0, first.code(), first.toString());
    List<Trial> earlier = journal(a);
    assertEquals(5, earlier.stream().filter(t -> t.state() == TrialState.COMPLETE).count(), first.toString());

    Path b = dir.resolve("b");
    String[] warm = {"sparktune.warm-start.from=" + a.toUri(), "sparktune.warm-start.top-k=3",
        "sparktune.search.trials=4", "sparktune.search.parallelism=1", "sparktune.search.seed=7"};
    MainRun second = run(b, warm);
    assertEquals(0, second.code(), second.toString());
    assertTrue(second.out().contains("5 of 5 earlier configurations fit the search space, the best 3 run first"),
        second.out());
    List<Trial> today = journal(b);
    assertEquals(4, today.size());
    assertEquals(5, Files.readAllLines(b.resolve("trials.csv")).size(), "header + B's own 4 trials, none of A's");

    // A's three best by areaUnderROC (larger is better), best first, are B's trials 0-2.
    List<Trial> best = earlier.stream().sorted(Comparator.comparingDouble((Trial t) -> -t.value().getAsDouble())).limit(3)
        .toList();
    for (int i = 0; i < 3; i++) {
      assertTrue(today.get(i).assignment().sameAs(best.get(i).assignment()), "B trial " + i + " is A's best " + i);
    }

    // Trial 3 is what TPE proposes from A's other two results plus B's first three: with four
    // startup trials, B's own three alone would have given a Sobol point instead.
    Settings s = SettingsLoader.load(Optional.empty(), args(b, warm));
    List<Trial> seen = new ArrayList<>();
    List<Trial> others = earlier.stream().filter(t -> best.stream().noneMatch(x -> x.assignment().sameAs(t.assignment())))
        .toList();
    for (int i = 0; i < others.size(); i++) seen.add(renumbered(others.get(i), i - others.size()));
    seen.addAll(today.subList(0, 3));
    Assignment withA = new TpeSampler(s.search().samplers().tpe(), 7)
        .sample(s.space(), History.of(seen, Direction.MAXIMIZE), Rngs.forTrial(7, 3)).orElseThrow();
    Assignment withoutA = new TpeSampler(s.search().samplers().tpe(), 7)
        .sample(s.space(), History.of(today.subList(0, 3), Direction.MAXIMIZE), Rngs.forTrial(7, 3)).orElseThrow();
    assertFalse(withA.sameAs(withoutA));
    assertTrue(today.get(3).assignment().sameAs(withA), today.get(3) + " vs " + withA);
    assertTrue(second.out().contains("the tpe sampler also learns from the 5 earlier results"), second.out());
  }

  @Test
  void aMissingEarlierJournalIsOneLineExitTwoAndWritesNothing(@TempDir Path dir) {
    Path c = dir.resolve("c");
    Path nowhere = dir.resolve("no-such-study");
    MainRun r = run(c, "sparktune.warm-start.from=" + nowhere.toUri(), "sparktune.search.trials=2");
    assertEquals(2, r.code(), r.toString());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains("sparktune.warm-start.from: no study journal at '" + nowhere.toUri()), r.err());
    assertFalse(Files.exists(c), "the output directory is not touched");
  }

  private static Trial renumbered(Trial t, int number) {
    return new Trial(number, t.assignment(), t.budget(), t.lineage(), t.state(), t.outcome(), t.started(), t.finished());
  }
}
