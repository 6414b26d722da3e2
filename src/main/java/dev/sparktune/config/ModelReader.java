package dev.sparktune.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.sparktune.config.Settings.Model.Stage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads and checks {@code sparktune.model}: one estimator with its fixed params, or a pipeline of
 * named stages. Whether the estimator and param names exist is for the MLlib edge to check; here
 * we check the shape, so that a pipeline mistake is reported with its line before Spark starts.
 */
final class ModelReader {
  /** What {@code estimator} says (or defaults to) when {@code pipeline} is set. */
  static final String PIPELINE = "pipeline";

  private static final String P = "sparktune.model.";
  private static final Set<String> STAGE_KEYS = Set.of("name", "estimator", "fixed");
  private static final Pattern STAGE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

  private ModelReader() {}

  static Settings.Model read(ValueReader r) {
    List<Stage> pipeline = pipeline(r);
    String estimator;
    if (pipeline.isEmpty()) {
      estimator = r.nonEmptyString(P + "estimator",
          "a non-empty estimator name such as logistic-regression (or a model.pipeline)");
    } else {
      String what = "\"\" or " + PIPELINE + " when model.pipeline is set";
      r.read(P + "estimator", what,
          v -> Scalars.string(v).map(String::trim).filter(s -> s.isEmpty() || s.equals(PIPELINE)));
      estimator = PIPELINE;
    }
    Map<String, Object> fixed = fixed(r.problems(), P + "fixed", r.leaves(P + "fixed"));
    return new Settings.Model(estimator, fixed, pipeline);
  }

  private static List<Stage> pipeline(ValueReader r) {
    String path = P + "pipeline";
    Optional<ConfigList> list = r.read(path, "a list of stages { name = ..., estimator = ..., fixed { ... } }",
        v -> v.valueType() == ConfigValueType.LIST ? Optional.of((ConfigList) v) : Optional.empty());
    List<Stage> stages = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; list.isPresent() && i < list.get().size(); i++) {
      stage(r.problems(), path + "." + i, list.get().get(i), names).ifPresent(stages::add);
    }
    return stages;
  }

  private static Optional<Stage> stage(Problems problems, String path, ConfigValue value, Set<String> names) {
    if (value.valueType() != ConfigValueType.OBJECT) {
      problems.expected(value.origin(), path, "a stage { name = ..., estimator = ..., fixed { ... } }",
          Scalars.render(value));
      return Optional.empty();
    }
    ConfigObject stage = (ConfigObject) value;
    int before = problems.size();
    for (String key : new TreeSet<>(stage.keySet())) {
      if (!STAGE_KEYS.contains(key)) {
        problems.add(stage.get(key).origin(), path + "." + key,
            "unknown key" + DidYouMean.hint(key, STAGE_KEYS, "keys of a stage"));
      }
    }
    // Stage names prefix their params (scaler.withMean), so a dot would make names ambiguous.
    String name = text(stage, "name").filter(n -> STAGE_NAME.matcher(n).matches()).orElse(null);
    if (name == null) {
      problems.expected(origin(stage, "name"), path + ".name",
          "a stage name of letters, digits, - and _ (no dots), starting with a letter", Scalars.render(stage.get("name")));
    } else if (!names.add(name)) {
      problems.expected(origin(stage, "name"), path + ".name", "a stage name not used before", "'" + name + "' again");
    }
    String estimator = text(stage, "estimator").filter(e -> !e.isBlank()).orElse(null);
    if (estimator == null) {
      problems.expected(origin(stage, "estimator"), path + ".estimator",
          "a non-empty estimator or transformer name such as standard-scaler", Scalars.render(stage.get("estimator")));
    }
    Map<String, Object> fixed = Map.of();
    ConfigValue fixedValue = stage.get("fixed");
    if (fixedValue != null && fixedValue.valueType() == ConfigValueType.OBJECT) {
      fixed = fixed(problems, path + ".fixed", ValueReader.leavesOf((ConfigObject) fixedValue));
    } else if (fixedValue != null) {
      problems.expected(fixedValue.origin(), path + ".fixed", "an object { param = value }", Scalars.render(fixedValue));
    }
    return problems.size() == before ? Optional.of(new Stage(name, estimator, fixed)) : Optional.empty();
  }

  /** Fixed MLlib params: strings, booleans, Long (whole numbers), Double, or lists of those. */
  static Map<String, Object> fixed(Problems problems, String path, Map<String, ConfigValue> leaves) {
    Map<String, Object> fixed = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigValue> e : leaves.entrySet()) {
      Optional<Object> value = fixedValue(e.getValue());
      if (value.isEmpty()) {
        problems.expected(e.getValue().origin(), path + "." + e.getKey(),
            "a string, number, boolean or list of those", Scalars.render(e.getValue()));
      } else {
        fixed.put(e.getKey(), value.get());
      }
    }
    return fixed;
  }

  private static Optional<Object> fixedValue(ConfigValue v) {
    if (v.valueType() != ConfigValueType.LIST) return Scalars.choice(v);
    List<Object> items = new ArrayList<>();
    for (ConfigValue item : (ConfigList) v) {
      Optional<Object> c = Scalars.choice(item);
      if (c.isEmpty()) return Optional.empty();
      items.add(c.get());
    }
    return Optional.of(List.copyOf(items));
  }

  private static Optional<String> text(ConfigObject object, String key) {
    return Optional.ofNullable(object.get(key)).flatMap(Scalars::string).map(String::trim);
  }

  private static ConfigOrigin origin(ConfigObject object, String key) {
    ConfigValue v = object.get(key);
    return v == null ? object.origin() : v.origin();
  }
}
