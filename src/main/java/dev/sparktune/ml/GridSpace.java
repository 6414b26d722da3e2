package dev.sparktune.ml;

import dev.sparktune.config.ConfigError;
import dev.sparktune.mllib.BuiltEstimator;
import dev.sparktune.space.Assignment;
import dev.sparktune.space.CategoricalParam;
import dev.sparktune.space.SearchSpace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamPair;

/**
 * A CrossValidator grid ({@code estimatorParamMaps}, as ParamGridBuilder builds it) as a search
 * space of categorical params, one per gridded MLlib param, so the grid sampler of the core runs
 * exactly its points. A param is named as the CLI names it: {@code regParam} for a single
 * estimator, {@code <stage uid>.regParam} inside a Pipeline.
 *
 * @param points the grid's maps as assignments, in the maps' order (avgMetrics follow it)
 */
record GridSpace(SearchSpace space, List<Assignment> points) {
  static final String KEY = "estimatorParamMaps";

  /**
   * @throws ConfigError naming {@value #KEY} for a param of no stage of the estimator (naming
   *     that stage), a value that is not a number, string or boolean, or maps that are not a product
   */
  static GridSpace of(ParamMap[] maps, BuiltEstimator model) {
    Map<String, List<Object>> choices = new LinkedHashMap<>();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (ParamMap map : maps) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (ParamPair<?> pair : scalaList(map)) {
        String name = name(pair.param(), model);
        Object v = value(name, pair.value());
        row.put(name, v);
        List<Object> seen = choices.computeIfAbsent(name, n -> new ArrayList<>());
        if (seen.stream().noneMatch(x -> x.equals(v))) seen.add(v);
      }
      rows.add(row);
    }
    if (choices.isEmpty()) throw new ConfigError(KEY + ": the maps set no param; expected a ParamGridBuilder grid");
    long product = choices.values().stream().mapToLong(List::size).reduce(1, (a, b) -> a * b);
    boolean complete = rows.stream().allMatch(r -> r.keySet().equals(choices.keySet()));
    long distinct = rows.stream().map(r -> Assignment.of(r).key()).distinct().count();
    if (!complete || product != maps.length || distinct != maps.length) {
      throw new ConfigError(KEY + ": " + maps.length + " maps that are not a full grid (every combination of "
          + choices.keySet() + " once, " + product + " of them, as ParamGridBuilder builds); "
          + "set the space param instead for any other set of points");
    }
    List<dev.sparktune.space.Param> params = new ArrayList<>();
    choices.forEach((n, c) -> params.add(new CategoricalParam(n, c, Optional.empty())));
    List<Assignment> points = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      Map<String, Object> ordered = new LinkedHashMap<>();
      for (String n : choices.keySet()) ordered.put(n, r.get(n));
      points.add(Assignment.of(ordered));
    }
    return new GridSpace(new SearchSpace(params), points);
  }

  /** The index in the grid of {@code a}, or -1. */
  int indexOf(Assignment a) {
    for (int i = 0; i < points.size(); i++) {
      if (points.get(i).sameAs(a)) return i;
    }
    return -1;
  }

  private static List<ParamPair<?>> scalaList(ParamMap map) {
    List<ParamPair<?>> out = new ArrayList<>();
    scala.collection.Iterator<ParamPair<?>> it = map.toSeq().iterator();
    while (it.hasNext()) out.add(it.next());
    return out;
  }

  /** The CLI's name of {@code p}: its own name, or stage.name in a pipeline. */
  private static String name(Param<?> p, BuiltEstimator model) {
    String owner = p.parent();
    if (!model.isPipeline()) {
      String uid = model.estimator().uid();
      if (!owner.equals(uid)) {
        throw new ConfigError(KEY + ": param '" + p.name() + "' belongs to stage '" + owner + "', not to the estimator '"
            + uid + "' (" + model.estimator().getClass().getSimpleName() + ")");
      }
      return p.name();
    }
    if (!model.stages().containsKey(owner)) {
      throw new ConfigError(KEY + ": param '" + p.name() + "' belongs to stage '" + owner + "', which is not a stage "
          + "of the pipeline; stages: " + String.join(", ", model.stages().keySet()));
    }
    return owner + "." + p.name();
  }

  private static Object value(String name, Object v) {
    if (v instanceof Integer i) return i.longValue();
    if (v instanceof Float f) return f.doubleValue();
    if (v instanceof Long || v instanceof Double || v instanceof String || v instanceof Boolean) return v;
    throw new ConfigError(KEY + ": " + name + " = " + v + " (" + v.getClass().getSimpleName() + "); sparktune tunes "
        + "numbers, strings and booleans");
  }
}
