package dev.sparktune.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.Trial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our PED-ANOVA ranking against Optuna's on the very same trials (exported with
 * {@link OptunaJournal} and loaded by Debian's python3-optuna). Debian's Optuna is 3.1, which has
 * no PED-ANOVA yet (added in 3.6); its importance evaluators are fANOVA (its default) and mean
 * decrease in impurity, both on scikit-learn's random forests. So this compares with fANOVA: a
 * different method, which must agree on which params matter on functions where the answer is plain.
 */
class ImportanceAgainstOptunaTest {
  @TempDir Path dir;

  private Map<String, Double> optuna(SearchSpace space, List<Trial> trials) throws Exception {
    Tools.require(Tools.hasOptuna(), "Debian's python3-optuna");
    Tools.require(Tools.run(List.of(Tools.PYTHON.toString(), "-c", "import sklearn"), 60).code() == 0,
        "Debian's python3-sklearn (Optuna's fANOVA needs it)");
    Path journal = dir.resolve("optuna.log");
    Files.writeString(journal, OptunaJournal.export("imp", space, Direction.MINIMIZE, trials));
    String script = """
        import json, sys, optuna
        optuna.logging.set_verbosity(optuna.logging.ERROR)
        study = optuna.load_study(study_name="imp", storage=optuna.storages.JournalStorage(
            optuna.storages.JournalFileStorage(sys.argv[1])))
        imp = optuna.importance.get_param_importances(
            study, evaluator=optuna.importance.FanovaImportanceEvaluator(seed=0))
        print(json.dumps(imp))
        """;
    Tools.Result r = Tools.run(List.of(Tools.PYTHON.toString(), "-W", "ignore", "-c", script, journal.toString()), 300);
    assertEquals(0, r.code(), r.out());
    JsonNode n = new ObjectMapper().readTree(r.out().strip().lines().reduce((a, b) -> b).orElse("{}"));
    Map<String, Double> m = new java.util.LinkedHashMap<>();
    n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asDouble()));
    return m;
  }

  private static List<String> ranking(Map<String, Double> imp) {
    List<String> names = new ArrayList<>(imp.keySet());
    names.sort((a, b) -> Double.compare(imp.get(b), imp.get(a)));
    return names;
  }

  private List<List<String>> both(ToDoubleFunction<dev.sparktune.space.Assignment> f) throws Exception {
    List<Trial> trials = ImportanceTest.random(ImportanceTest.LINEAR, 200, 7, f);
    Map<String, Double> ours = Importance.pedAnova(ImportanceTest.LINEAR, Direction.MINIMIZE, trials);
    Map<String, Double> theirs = optuna(ImportanceTest.LINEAR, trials);
    System.out.println("PED-ANOVA " + ours + " / Optuna 3.1 fANOVA " + theirs);
    return List.of(ranking(ours), ranking(theirs));
  }

  @Test
  void bothPutTheDominantParamFirstOnTheLinearFunction() throws Exception {
    List<List<String>> r = both(a -> 10 * ImportanceTest.x(a, "x1") + 0.1 * ImportanceTest.x(a, "x2"));
    assertEquals("x1", r.get(0).get(0), r.toString());
    assertEquals("x1", r.get(1).get(0), r.toString());
  }

  @Test
  void bothRankThreeParamsOfClearlyDifferentWeightTheSame() throws Exception {
    List<List<String>> r = both(a -> 10 * ImportanceTest.x(a, "x1") + 4 * ImportanceTest.x(a, "x2"));
    assertEquals(List.of("x1", "x2", "x3"), r.get(0), "ours");
    assertEquals(r.get(0), r.get(1), "the same ranking as Optuna's");
  }
}
