package dev.sparktune.report;

import dev.sparktune.space.CategoricalParam;
import dev.sparktune.space.FloatParam;
import dev.sparktune.space.IntParam;
import dev.sparktune.space.Param;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.History;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.Verdict;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A study in Optuna's journal-file format ({@code optuna.storages.JournalStorage} over a
 * {@code JournalFileStorage}, or {@code JournalFileBackend} in Optuna 4): JSON lines of its
 * operations, so optuna-dashboard and every {@code optuna.visualization} plot can read a sparktune
 * study.
 *
 * <p>One Optuna trial per <em>configuration</em>, as Optuna models successive halving: each rung's
 * score is an intermediate value at step = rung; the final state is that of the configuration's
 * last evaluation (COMPLETE at the full budget, PRUNED when a rung or fold pruning stopped it,
 * FAIL for a failure, a timeout or a cancellation, RUNNING while it runs). Param values are written
 * in Optuna's internal form (a categorical value as its choice index) with the distribution of the
 * sparktune param; an inactive conditional param is left out, as Optuna leaves out a param a trial
 * did not suggest. User attributes keep what Optuna has no field for: the sparktune trial numbers,
 * budgets, CV std and error.
 */
public final class OptunaJournal {
  // Optuna's JournalOperation codes (optuna/storages/_journal/storage.py) and TrialState values.
  static final int CREATE_STUDY = 0;
  static final int CREATE_TRIAL = 4;
  static final int SET_TRIAL_PARAM = 5;
  static final int SET_TRIAL_STATE_VALUES = 6;
  static final int SET_TRIAL_INTERMEDIATE_VALUE = 7;
  static final int SET_TRIAL_USER_ATTR = 8;
  static final int RUNNING = 0;
  static final int COMPLETE = 1;
  static final int PRUNED = 2;
  static final int FAIL = 3;
  private static final String WORKER = "sparktune-export";
  // Optuna writes naive local datetimes with microseconds; these are UTC.
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

  private OptunaJournal() {}

  public static String export(String studyName, SearchSpace space, Direction direction, List<Trial> trials) {
    StringBuilder sb = new StringBuilder();
    Map<String, Object> create = op(CREATE_STUDY);
    create.put("study_name", studyName);
    // StudyDirection: MINIMIZE = 1, MAXIMIZE = 2
    create.put("directions", List.of(direction == Direction.MAXIMIZE ? 2 : 1));
    line(sb, create);
    List<Verdict> verdicts = History.of(trials).verdicts();
    Map<Integer, List<Integer>> byConfig = new TreeMap<>();
    for (Trial t : trials) byConfig.computeIfAbsent(t.configId(), k -> new ArrayList<>()).add(t.number());
    int trialId = 0;
    for (List<Integer> numbers : byConfig.values()) {
      Trial first = trials.get(numbers.get(0));
      Trial last = trials.get(numbers.get(numbers.size() - 1));
      Map<String, Object> ct = op(CREATE_TRIAL);
      ct.put("study_id", 0);
      ct.put("datetime_start", time(first.started()));
      line(sb, ct);
      for (Param p : space.params()) {
        Object v = first.assignment().get(p.name());
        if (v == null) continue;
        Map<String, Object> sp = op(SET_TRIAL_PARAM);
        sp.put("trial_id", trialId);
        sp.put("param_name", p.name());
        sp.put("param_value_internal", p instanceof CategoricalParam c ? (double) c.indexOf(v) : ((Number) v).doubleValue());
        sp.put("distribution", distribution(p));
        line(sb, sp);
      }
      boolean rungs = numbers.size() > 1 || !last.budget().isFull();
      List<String> budgets = new ArrayList<>();
      for (int n : numbers) {
        Trial t = trials.get(n);
        budgets.add(t.budget().label());
        if (rungs && t.value().isPresent()) {
          Map<String, Object> iv = op(SET_TRIAL_INTERMEDIATE_VALUE);
          iv.put("trial_id", trialId);
          iv.put("step", t.rung());
          iv.put("intermediate_value", t.value().getAsDouble());
          line(sb, iv);
        }
      }
      attr(sb, trialId, "sparktune_trials", numbers);
      attr(sb, trialId, "budgets", budgets);
      if (last.outcome().orElse(null) instanceof Outcome.Completed c) attr(sb, trialId, "cv_std", c.std());
      String error = last.outcome().map(OptunaJournal::error).orElse(null);
      if (error != null) attr(sb, trialId, "error", error);
      Verdict v = verdicts.get(last.number());
      if (v != Verdict.RUNNING && v != Verdict.PROMOTED) {
        Map<String, Object> st = op(SET_TRIAL_STATE_VALUES);
        st.put("trial_id", trialId);
        boolean complete = v == Verdict.COMPLETED;
        st.put("state", complete ? COMPLETE : v == Verdict.STOPPED || v == Verdict.PRUNED ? PRUNED : FAIL);
        st.put("values", complete ? List.of(last.value().getAsDouble()) : null);
        st.put("datetime_complete", time(last.finished().orElse(last.started())));
        line(sb, st);
      }
      trialId++;
    }
    return sb.toString();
  }

  private static String error(Outcome o) {
    if (o instanceof Outcome.Failed f) return f.error();
    if (o instanceof Outcome.TimedOut t) return t.reason();
    if (o instanceof Outcome.Cancelled c) return "cancelled: " + c.reason();
    if (o instanceof Outcome.Pruned p) return "pruned: " + p.reason();
    return null;
  }

  /** Optuna's distribution_to_json: {"name": class, "attributes": {...}} as a JSON string. */
  static String distribution(Param p) {
    Map<String, Object> attrs = new LinkedHashMap<>();
    String name;
    if (p instanceof FloatParam f) {
      name = "FloatDistribution";
      attrs.put("step", f.step().isPresent() ? (Object) f.step().getAsDouble() : null);
      attrs.put("low", f.low());
      attrs.put("high", f.high());
      attrs.put("log", f.log());
    } else if (p instanceof IntParam i) {
      name = "IntDistribution";
      attrs.put("log", i.log());
      attrs.put("step", i.step());
      attrs.put("low", i.low());
      attrs.put("high", i.high());
    } else {
      name = "CategoricalDistribution";
      attrs.put("choices", ((CategoricalParam) p).choices());
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("attributes", attrs);
    StringBuilder sb = new StringBuilder();
    ScriptJson.write(sb, m);
    return sb.toString();
  }

  private static void attr(StringBuilder sb, int trialId, String key, Object value) {
    Map<String, Object> ua = op(SET_TRIAL_USER_ATTR);
    ua.put("trial_id", trialId);
    ua.put("user_attr", Map.of(key, value));
    line(sb, ua);
  }

  private static Map<String, Object> op(int code) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("op_code", code);
    m.put("worker_id", WORKER);
    return m;
  }

  private static String time(Instant t) {
    return LocalDateTime.ofInstant(t, ZoneOffset.UTC).format(TIME);
  }

  private static void line(StringBuilder sb, Map<String, Object> m) {
    ScriptJson.write(sb, m);
    sb.append('\n');
  }
}
