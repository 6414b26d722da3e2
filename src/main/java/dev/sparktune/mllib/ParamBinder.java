package dev.sparktune.mllib;

import dev.sparktune.config.ConfigError;
import dev.sparktune.space.Assignment;
import dev.sparktune.space.CategoricalParam;
import dev.sparktune.space.FloatParam;
import dev.sparktune.space.IntParam;
import dev.sparktune.space.SearchSpace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.Params;

/**
 * Turns configuration values into MLlib params: an {@link Assignment} into the {@code ParamMap}
 * of one trial, and fixed values into params set once on the estimator. Names are MLlib's own
 * ({@code regParam}), or {@code stage.param} inside a pipeline, so a new estimator needs no code
 * here. Every value is coerced to the param's type ({@link ParamValues}) and checked against the
 * param's own validator, and every error names the config key it came from.
 */
public final class ParamBinder {
  private final BuiltEstimator model;

  public ParamBinder(BuiltEstimator model) {
    this.model = model;
  }

  /** A resolved name: the stage (or estimator) that owns the param, and the param itself. */
  record Target(Params owner, Param<Object> param) {}

  /**
   * The params of one trial. Inactive conditional params are simply absent from {@code a}.
   *
   * @throws ConfigError naming {@code sparktune.space.<name>} if a name or value does not fit
   */
  public ParamMap bind(Assignment a) {
    ParamMap map = new ParamMap();
    for (var e : a.values().entrySet()) {
      String key = "sparktune.space." + e.getKey();
      Target t = resolve(model, e.getKey(), key);
      map.put(t.param(), coerce(t, e.getValue(), key));
    }
    return map;
  }

  /**
   * Checks every param of {@code space} before any trial runs: the name exists, the range or
   * choices have the param's type, and the ends of a range and every choice pass the param's
   * validator (for MLlib's interval validators the ends decide the whole range).
   *
   * @throws ConfigError naming {@code sparktune.space.<name>}
   */
  public void check(SearchSpace space) {
    for (dev.sparktune.space.Param p : space.params()) {
      String key = "sparktune.space." + p.name();
      Target t = resolve(model, p.name(), key);
      Class<?> type = ParamValues.typeOf(t.owner(), t.param());
      boolean integral = type == Integer.class || type == Long.class;
      if (p instanceof FloatParam f) {
        if (integral) {
          throw new ConfigError(key + ": " + describe(t) + " is an integer param, got a float range ["
              + f.low() + ", " + f.high() + "]; use an int range or integer choices");
        }
        if (type != Double.class && type != Float.class) throw wrongKind(key, t, type, "a float range");
        coerce(t, f.low(), key);
        coerce(t, f.high(), key);
      } else if (p instanceof IntParam i) {
        if (!integral && type != Double.class && type != Float.class) {
          throw wrongKind(key, t, type, "an int range");
        }
        coerce(t, i.low(), key);
        coerce(t, i.high(), key);
      } else if (p instanceof CategoricalParam c) {
        for (Object choice : c.choices()) coerce(t, choice, key);
      }
    }
  }

  /**
   * Sets fixed values on the stages that own them (done once, when the estimator is built).
   *
   * @param keyPrefix the config path the names hang under, e.g. {@code sparktune.model.fixed}
   * @throws ConfigError naming {@code <keyPrefix>.<name>}
   */
  void applyFixed(Map<String, Object> fixed, String keyPrefix) {
    for (var e : fixed.entrySet()) {
      String key = keyPrefix + "." + e.getKey();
      Target t = resolve(model, e.getKey(), key);
      t.owner().set(t.param(), coerce(t, e.getValue(), key));
    }
  }

  /** {@link #applyFixed} for the fixed values of one stage, whose names carry no stage prefix. */
  static void applyFixed(Params stage, Map<String, Object> fixed, String keyPrefix) {
    for (var e : fixed.entrySet()) {
      String key = keyPrefix + "." + e.getKey();
      Target t = resolveIn(stage, e.getKey(), key);
      t.owner().set(t.param(), coerce(t, e.getValue(), key));
    }
  }

  /** Finds {@code name} ({@code param}, or {@code stage.param} in a pipeline). */
  static Target resolve(BuiltEstimator model, String name, String key) {
    if (!model.isPipeline()) return resolveIn(model.predictor(), name, key);
    int dot = name.indexOf('.');
    if (dot < 0) {
      throw new ConfigError(key + ": a pipeline param needs its stage as prefix (stage.param); stages: "
          + String.join(", ", model.stages().keySet()));
    }
    var stage = model.stages().get(name.substring(0, dot));
    if (stage == null) {
      throw new ConfigError(key + ": no pipeline stage '" + name.substring(0, dot) + "'; stages: "
          + String.join(", ", model.stages().keySet()));
    }
    return resolveIn(stage, name.substring(dot + 1), key);
  }

  @SuppressWarnings("unchecked")
  static Target resolveIn(Params owner, String name, String key) {
    if (!owner.hasParam(name)) {
      throw new ConfigError(key + ": " + owner.getClass().getSimpleName() + " has no param '" + name
          + "'; valid params: " + String.join(", ", tunable(owner)));
    }
    if (isColumn(name)) {
      throw new ConfigError(key + ": '" + name + "' names a column, which sparktune wires itself");
    }
    return new Target(owner, (Param<Object>) owner.getParam(name));
  }

  /** The params a user may set: everything but column names, sorted. */
  static List<String> tunable(Params owner) {
    TreeSet<String> names = new TreeSet<>();
    for (Param<?> p : owner.params()) {
      if (!isColumn(p.name())) names.add(p.name());
    }
    return new ArrayList<>(names);
  }

  // featuresCol, labelCol, inputCols, ...: the DataFrame's columns are ours (label, features,
  // chained stage outputs); letting a config rename them would only break the wiring.
  private static boolean isColumn(String name) {
    return name.endsWith("Col") || name.endsWith("Cols");
  }

  /** The value as the param's Java type, checked by the param's validator. */
  @SuppressWarnings("unchecked")
  static Object coerce(Target t, Object value, String key) {
    Object v = ParamValues.coerce(t.owner(), t.param(), value, key, describe(t));
    boolean valid = (Boolean) ((scala.Function1<Object, Object>) t.param().isValid()).apply(v);
    if (!valid) {
      throw new ConfigError(key + ": " + show(v) + " is not valid for " + describe(t) + " ("
          + t.param().doc() + ")");
    }
    return v;
  }

  private static ConfigError wrongKind(String key, Target t, Class<?> type, String given) {
    return new ConfigError(key + ": " + describe(t) + " takes " + ParamValues.typeName(type) + ", got "
        + given + "; use " + (type == Boolean.class || type == String.class ? "choices" : "a fitting range"));
  }

  static String describe(Target t) {
    return t.owner().getClass().getSimpleName() + "." + t.param().name();
  }

  private static String show(Object v) {
    if (v instanceof int[] a) return Arrays.toString(a);
    if (v instanceof double[] a) return Arrays.toString(a);
    if (v instanceof String[] a) return Arrays.toString(a);
    return String.valueOf(v);
  }
}
