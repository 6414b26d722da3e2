package dev.sparktune.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.scheduler.Ladder;
import dev.sparktune.space.Assignment;
import dev.sparktune.space.CategoricalParam;
import dev.sparktune.space.Condition;
import dev.sparktune.space.FloatParam;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.store.InMemoryTrialStore;
import dev.sparktune.study.StudyResult;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.Lineage;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
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
    store.create(new dev.sparktune.space.Assignment(Map.of("penalty", "l2")), Budget.full(), Instant.EPOCH);
    store.finish(2, new Outcome.TimedOut(java.time.Duration.ofMinutes(10)), Instant.EPOCH.plusSeconds(601));
    store.create(new dev.sparktune.space.Assignment(Map.of("penalty", "l2")), Budget.full(), Instant.EPOCH);
    store.finish(3, new Outcome.Cancelled("time limit 1h reached"), Instant.EPOCH.plusSeconds(5));
    return store;
  }

  @Test
  void trialTableHasOneRowPerTrialWithFoldsAndQuotedErrors() {
    String csv = TrialTable.csv(space, "auc", 2, store().trials());
    String[] lines = csv.split("\n");
    assertEquals("number,state,config,rung,budget,penalty,mix,auc_fold1,auc_fold2,auc_mean,auc_std,fit_seconds,"
        + "wall_seconds,error", lines[0]);
    assertEquals("0,COMPLETED,0,0,full,elastic,0.25,0.8,1.0,0.9,0.14142135623730948,2.500,3.000,", lines[1]);
    assertEquals("1,FAILED,1,0,full,l2,,,,,,,1.000,\"SparkException: Job aborted, stage 3 failed\"", lines[2]);
    assertEquals("2,TIMEOUT,2,0,full,l2,,,,,,,601.000,timed out after 10m", lines[3]);
    assertEquals("3,CANCELLED,3,0,full,l2,,,,,,,5.000,cancelled: time limit 1h reached", lines[4]);
  }

  @Test
  void costColumnsAndTotalsWhenCostsAreKnown() {
    InMemoryTrialStore s = store();
    var c = new dev.sparktune.trial.SparkCost(2, 8, 4500, 3250, 125, 100, 200, 7, 3, 1000);
    s.recordCost(0, new dev.sparktune.trial.TrialCost(Map.of(0, c, 1, c), true));
    s.recordCost(1, new dev.sparktune.trial.TrialCost(Map.of(0, c), false));
    String[] lines = TrialTable.csv(space, "auc", 2, s.trials(), s.costs()).split("\n");
    assertTrue(lines[0].endsWith(",error,spark_tasks,executor_cpu_seconds,executor_run_seconds,gc_seconds,shuffle_bytes,"
        + "spill_bytes,cost_complete"), lines[0]);
    assertTrue(lines[1].endsWith(",16,6.500,9.000,0.250,600,20,true"), lines[1]);
    assertTrue(lines[2].endsWith(",8,3.250,4.500,0.125,300,10,false"), lines[2]);
    assertTrue(lines[3].endsWith("timed out after 10m,,,,,,,"), lines[3]);
    String json = new BestResult("demo", "auc", Direction.MAXIMIZE,
        new StudyResult("done", s.trials(), s.best(Direction.MAXIMIZE), Duration.ZERO), Optional.empty(), 2, 1)
        .toJson(s.costs());
    assertTrue(json.contains("\"spark_cost\": {\n    \"trials\": 2,\n    \"jobs\": 6,\n    \"tasks\": 24,\n"
        + "    \"executor_run_seconds\": 13.5,\n    \"executor_cpu_seconds\": 9.75,"), json);
    assertTrue(json.contains("\"peak_execution_memory_bytes\": 1000,\n    \"complete\": false\n"), json);
  }

  @Test
  void oneRowPerRungWithWhatBecameOfIt() {
    InMemoryTrialStore s = new InMemoryTrialStore();
    Ladder ladder = new Ladder(Budget.dataFraction(1, 1), 1.0 / 3, 3);
    Assignment a = new Assignment(Map.of("penalty", "l2"));
    Assignment b = new Assignment(Map.of("penalty", "elastic", "mix", 0.5));
    Trial low = s.create(a, ladder.at(0), Lineage.root(0), Instant.EPOCH);
    s.finish(0, new Outcome.Completed(0.85, List.of(0.8, 0.9), 1), Instant.EPOCH);
    s.create(b, ladder.at(0), Lineage.root(1), Instant.EPOCH);
    s.finish(1, new Outcome.Pruned(Map.of(1, 0.5), "pruned after 1 of 2 folds"), Instant.EPOCH);
    s.create(a, ladder.at(1), Lineage.promoted(low, 1), Instant.EPOCH);
    s.finish(2, new Outcome.Completed(0.95, List.of(0.9, 1.0), 2), Instant.EPOCH);
    s.create(b, ladder.at(0), Lineage.root(3), Instant.EPOCH);
    s.finish(3, new Outcome.Completed(0.7, List.of(0.7, 0.7), 1), Instant.EPOCH);
    String[] lines = TrialTable.csv(space, "auc", 2, s.trials()).split("\n");
    assertEquals("0,PROMOTED,0,0,fraction=0.3333,l2,,0.8,0.9,0.85,0.07071067811865474,1.000,0.000,", lines[1]);
    assertEquals("1,PRUNED,1,0,fraction=0.3333,elastic,0.5,,0.5,,,,0.000,pruned after 1 of 2 folds", lines[2]);
    assertEquals("2,COMPLETED,0,1,fraction=1,l2,,0.9,1.0,0.95,0.07071067811865474,2.000,0.000,", lines[3]);
    assertEquals("3,STOPPED,3,0,fraction=0.3333,elastic,0.5,0.7,0.7,0.7,0.0,1.000,0.000,", lines[4]);

    String json = new BestResult("demo", "auc", Direction.MAXIMIZE,
        new StudyResult("done", s.trials(), s.best(Direction.MAXIMIZE), Duration.ZERO), Optional.empty(), 2, 1).toJson();
    assertTrue(json.contains("\"best_trial\": 2,\n  \"best_config\": 0,\n  \"best_rung\": 1,\n  \"best_budget\": {\n"
        + "    \"kind\": \"data-fraction\",\n    \"amount\": 1.0,\n    \"max\": 1.0\n  },"), json);
    assertTrue(json.contains("\"configurations\": 3,"), json);
    assertTrue(json.contains("\"promoted\": 1,\n    \"stopped\": 1,\n    \"pruned\": 1"), json);
    assertTrue(json.contains("\"0: fraction=0.3333\": 3,\n    \"1: fraction=1\": 1"), json);
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
    assertTrue(json.contains("\"failed\": 1,"), json);
    assertTrue(json.contains("\"timeout\": 1,\n    \"cancelled\": 1"), json);
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
