package dev.sparktune.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.sparktune.config.SpaceReader;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.store.Journal;
import dev.sparktune.store.JournalTrialStore;
import dev.sparktune.store.LocalJournalBackend;
import dev.sparktune.study.Convergence;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.History;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code search.stop-when-converged} would have saved and lost on finished real studies (plain
 * Java, no Spark): each argument is the output directory of a study run with a fixed budget, the
 * rule off and {@code search.parallelism = 1}. The rule does not change what the sampler proposes,
 * and with one trial at a time the study checks it after each result before starting the next, so
 * the stopped study is exactly the prefix of this one up to the first check that converges. This
 * replays {@link Convergence} with the study's space, direction and seed on the prefixes of its
 * journal (read only, as {@code submit/report} reads it).
 *
 * <p>Score lost = best CV mean after the whole budget − best CV mean at the stop (sign taken so
 * that a loss is positive), divided by the full-budget incumbent's CV standard error, the
 * Nadeau–Bengio corrected one the rule compares with. The test score is best.json's: the refit of
 * the full-budget incumbent; when the stop's incumbent is the same trial it is the stopped study's
 * test score too.
 */
public final class ConvergenceOnStudies {
  private ConvergenceOnStudies() {}

  record Replay(String name, int budget, int minResults, int stoppedAt, String reason, int bestAtStop, double scoreAtStop,
      int bestAtBudget, double scoreAtBudget, double stdError, String testScore, double sign,
      Optional<Convergence.Estimate> atBudget) {}

  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      System.err.println("usage: ConvergenceOnStudies <output.dir>...");
      System.exit(2);
    }
    System.out.println("| study | budget | first check | stopped after | saved | incumbent at stop → at budget | best CV at stop | best CV at budget | lost / CV std error | test (budget's incumbent) | bound vs CV std error after the budget |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
    for (String dir : args) {
      Replay r = replay(Path.of(dir));
      boolean stopped = r.stoppedAt() < r.budget();
      double lost = r.sign() * (r.scoreAtBudget() - r.scoreAtStop());
      System.out.printf(Locale.ROOT, "| %s | %d | %d | %s | %s | #%d → #%d | %.4f | %.4f | %.2f | %s | %s |%n", r.name(), r.budget(),
          r.minResults(), stopped ? String.valueOf(r.stoppedAt()) : "never", stopped
              ? String.format(Locale.ROOT, "%d (%.0f %%)", r.budget() - r.stoppedAt(), 100.0 * (r.budget() - r.stoppedAt()) / r.budget())
              : "0",
          r.bestAtStop(), r.bestAtBudget(), r.scoreAtStop(), r.scoreAtBudget(), Math.abs(lost) < 1e-15 ? 0 : lost / r.stdError(),
          r.testScore(), r.atBudget().map(e -> String.format(Locale.ROOT, "%.4f vs %.4f", e.regretBound(), e.cvStdError())).orElse("–"));
      if (stopped) System.out.println("<!-- " + r.name() + ": " + r.reason() + " -->");
    }
  }

  static Replay replay(Path dir) throws IOException {
    Config config = ConfigFactory.parseString(Files.readString(dir.resolve("config.conf"), StandardCharsets.UTF_8)).resolve();
    SearchSpace space = SpaceReader.read(config);
    long seed = config.getLong("sparktune.search.seed");
    JsonNode best = new ObjectMapper().readTree(dir.resolve("best.json").toFile());
    Direction direction = best.path("direction").asText("maximize").equals("minimize") ? Direction.MINIMIZE : Direction.MAXIMIZE;
    String test = best.path("test_metric").isNumber() ? String.format(Locale.ROOT, "%.4f", best.path("test_metric").asDouble()) : "–";
    Journal journal = new Journal(new LocalJournalBackend(dir.resolve("journal")), 32, w -> { }, () -> false);
    List<Trial> all = JournalTrialStore.open(journal).trials().stream().sorted(Comparator.comparingInt(Trial::number)).toList();
    int minResults = Convergence.minResults(space);
    int stop = all.size();
    String reason = "";
    for (int n = 1; n < all.size(); n++) {
      Optional<String> r = new Convergence(space, direction, History.of(all.subList(0, n)), seed, minResults).check(null);
      if (r.isPresent()) {
        stop = n;
        reason = r.get();
        break;
      }
    }
    Trial atStop = History.of(all.subList(0, stop)).best(direction).orElseThrow();
    Trial atBudget = History.of(all).best(direction).orElseThrow();
    double sign = direction == Direction.MAXIMIZE ? 1 : -1;
    return new Replay(config.getString("sparktune.name"), all.size(), minResults, stop, reason, atStop.number(),
        atStop.value().orElseThrow(), atBudget.number(), atBudget.value().orElseThrow(),
        correctedStandardError(atBudget), test, sign,
        new Convergence(space, direction, History.of(all), seed, minResults).estimate());
  }

  /** The rule's threshold: √((1/k + 1/(k−1)) × the fold scores' variance (divided by k)). */
  static double correctedStandardError(Trial t) {
    if (!(t.outcome().orElse(null) instanceof Outcome.Completed c) || c.folds().size() < 2) return Double.NaN;
    List<Double> f = c.folds();
    int k = f.size();
    double mean = f.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double var = f.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / k;
    return Math.sqrt((1.0 / k + 1.0 / (k - 1)) * var);
  }
}
