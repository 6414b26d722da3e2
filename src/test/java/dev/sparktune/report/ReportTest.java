package dev.sparktune.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.space.CategoricalParam;
import dev.sparktune.space.Condition;
import dev.sparktune.space.FloatParam;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.store.InMemoryTrialStore;
import dev.sparktune.study.StudyResult;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ReportTest {
  private final SearchSpace space = SearchSpace.of(CategoricalParam.of("penalty", "l2", "elastic"),
      FloatParam.of("mix", 0, 1).when(new Condition("penalty", List.of("elastic"))));

  private InMemoryTrialStore store() {
    InMemoryTrialStore store = new InMemoryTrialStore();
    Map<String, Object> elastic = new LinkedHashMap<>();
    elastic.put("penalty", "elastic");
    elastic.put("mix", 0.25);
    store.create(new dev.sparktune.space.Assignment(elastic), Budget.full(), Instant.EPOCH);
    store.finish(0, new Outcome.Completed(0.9, List.of(0.8, 1.0), 2.5), Instant.EPOCH.plusSeconds(3));
    store.create(new dev.sparktune.space.Assignment(Map.of("penalty", "l2")), Budget.full(), Instant.EPOCH);
    store.finish(1, new Outcome.Failed("SparkException: Job aborted, stage 3 failed"), Instant.EPOCH.plusSeconds(1));
    return store;
  }

  @Test
  void trialTableHasOneRowPerTrialWithFoldsAndQuotedErrors() {
    String csv = TrialTable.csv(space, "auc", 2, store().trials());
    String[] lines = csv.split("\n");
    assertEquals("number,state,penalty,mix,auc_fold1,auc_fold2,auc_mean,auc_std,fit_seconds,wall_seconds,error", lines[0]);
    assertEquals("0,COMPLETE,elastic,0.25,0.8,1.0,0.9,0.14142135623730948,2.500,3.000,", lines[1]);
    assertEquals("1,FAILED,l2,,,,,,,1.000,\"SparkException: Job aborted, stage 3 failed\"", lines[2]);
  }

  @Test
  void bestJsonNamesTheBestTrialAndItsScores() {
    InMemoryTrialStore s = store();
    StudyResult r = new StudyResult("reached 2 trials", s.trials(), s.best(Direction.MAXIMIZE), Duration.ofSeconds(4));
    String json = new BestResult("demo", "auc", Direction.MAXIMIZE, r,
        Optional.of(new BestResult.Refit("LogisticRegressionModel", "file:/tmp/m", OptionalDouble.of(0.93), 100, 1.5)), 2, 9.0)
        .toJson();
    assertTrue(json.contains("\"best_trial\": 0,"), json);
    assertTrue(json.contains("\"best_params\": {\n    \"penalty\": \"elastic\",\n    \"mix\": 0.25\n  },"), json);
    assertTrue(json.contains("\"cv_mean\": 0.9,"), json);
    assertTrue(json.contains("\"test_metric\": 0.93,"), json);
    assertTrue(json.contains("\"failed\": 1"), json);
    assertTrue(json.contains("\"stop_reason\": \"reached 2 trials\""), json);
  }

  @Test
  void jsonEscapesAndDropsNonFiniteNumbers() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("s", "a \"quote\"\nnew line");
    m.put("nan", Double.NaN);
    m.put("list", List.of(1L, true));
    assertEquals("{\n  \"s\": \"a \\\"quote\\\"\\nnew line\",\n  \"nan\": null,\n  \"list\": [1, true]\n}\n", Json.render(m));
  }
}
