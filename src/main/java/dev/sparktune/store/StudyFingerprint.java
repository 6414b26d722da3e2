package dev.sparktune.store;

import java.util.ArrayList;
import java.util.List;

/**
 * What a journal's trials were measured on. A resumed run must measure the same thing, or its
 * scores cannot be compared with the replayed ones (SMAC's "consistent metadata" rule); the
 * fields are canonical strings, so a change can be reported as it was and as it is now.
 *
 * @param space the search space, params in order
 * @param data the dataset path and everything that decides the folds (format, label, test
 *     fraction, fold count and seed)
 * @param metric the metric optimised; "" for the evaluator's default
 * @param estimator the estimator or pipeline with its fixed params, sorted by name
 */
public record StudyFingerprint(String space, String data, String metric, String estimator) {
  private static final int SHOWN = 120;

  public StudyFingerprint {
    space = String.valueOf(space);
    data = String.valueOf(data);
    metric = String.valueOf(metric);
    estimator = String.valueOf(estimator);
  }

  /** One phrase per changed field, e.g. {@code metric (was 'f1', now 'accuracy')}; empty if none. */
  public List<String> changesTo(StudyFingerprint now) {
    List<String> changes = new ArrayList<>();
    diff(changes, "search space", space, now.space);
    diff(changes, "dataset", data, now.data);
    diff(changes, "metric", metric, now.metric);
    diff(changes, "estimator", estimator, now.estimator);
    return changes;
  }

  private static void diff(List<String> out, String what, String was, String now) {
    if (!was.equals(now)) out.add(what + " (was '" + shorten(was) + "', now '" + shorten(now) + "')");
  }

  private static String shorten(String s) {
    return s.length() <= SHOWN ? s : s.substring(0, SHOWN - 3) + "...";
  }
}
