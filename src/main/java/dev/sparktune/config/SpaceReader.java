package dev.sparktune.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.sparktune.space.CategoricalParam;
import dev.sparktune.space.Condition;
import dev.sparktune.space.FloatParam;
import dev.sparktune.space.IntParam;
import dev.sparktune.space.Param;
import dev.sparktune.space.SearchSpace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads {@code sparktune.space} into a {@link SearchSpace}.
 *
 * <pre>
 * space {
 *   regParam { type = float, low = 1e-4, high = 1.0, log = true }   # also step = 0.1 (not with log)
 *   maxDepth { type = int, low = 2, high = 10 }                     # also log, step
 *   impurity { type = categorical, values = [gini, entropy] }       # shorthand: impurity = [gini, entropy]
 *   stepSize { type = float, values = [0.01, 0.1] }                 # explicit values: a numeric categorical
 *   elasticNetParam { type = float, low = 0, high = 1, when { penalty = [elastic] } }
 *   lr { regParam { type = float, low = 0.01, high = 1 } }          # pipeline stage: param "lr.regParam"
 * }
 * </pre>
 *
 * An object without {@code type} whose children are all objects or lists is a namespace (a pipeline
 * stage); its params are named {@code stage.param}. HOCON objects are unordered, so params are
 * ordered by name, except that a condition's parent always comes before the params that depend on
 * it, as {@link SearchSpace} requires. A condition's parent is looked up in the child's own
 * namespace first, then from the root.
 */
public final class SpaceReader {
  /** Where the space lives in a tuning file. */
  public static final String PATH = "sparktune.space";

  private final Problems problems;
  private final ParamReader paramReader;

  private SpaceReader(Problems problems) {
    this.problems = problems;
    this.paramReader = new ParamReader(problems);
  }

  /**
   * Reads the space at {@value #PATH} of a resolved config.
   *
   * @throws ConfigError listing every problem, each naming its file, line and key path
   */
  public static SearchSpace read(Config config) {
    Problems problems = new Problems();
    SearchSpace space = read(config, problems);
    problems.throwIfAny();
    return space;
  }

  /**
   * Reads a space written as the body of {@code sparktune.space}, e.g.
   * {@code "regParam { type = float, low = 1e-4, high = 1, log = true }"}; handy in tests and tools.
   *
   * @throws ConfigError if the text does not parse or the space is invalid
   */
  public static SearchSpace parse(String body) {
    Config config;
    try {
      // Opening brace on line 1 so that reported line numbers match the caller's text.
      config = ConfigFactory.parseString(PATH + " {" + body + "\n}",
          ConfigParseOptions.defaults().setOriginDescription("space")).resolve();
    } catch (ConfigException e) {
      throw Errors.from(e, "cannot parse the search space");
    }
    return read(config);
  }

  /** Reads the space, recording problems instead of throwing; returns an empty space on problems. */
  static SearchSpace read(Config config, Problems problems) {
    return new SpaceReader(problems).read(new ValueReader(config, problems).lookup(PATH));
  }

  private SearchSpace read(Optional<ConfigValue> spaceValue) {
    SearchSpace empty = new SearchSpace(List.of());
    String example = " such as regParam { type = float, low = 1e-4, high = 1, log = true }";
    if (spaceValue.isEmpty() || spaceValue.get().valueType() != ConfigValueType.OBJECT) {
      problems.expected(spaceValue.map(ConfigValue::origin).orElse(null), PATH, "an object of params" + example,
          Scalars.render(spaceValue.orElse(null)));
      return empty;
    }
    ConfigObject root = (ConfigObject) spaceValue.get();
    if (root.isEmpty()) {
      problems.expected(root.origin(), PATH, "at least one param" + example, "{}");
      return empty;
    }
    int before = problems.size();
    Map<String, Draft> drafts = new TreeMap<>();
    List<String> defined = new ArrayList<>();
    collect("", root, drafts, defined);
    Map<String, Param> conditioned = new LinkedHashMap<>();
    for (Draft d : drafts.values()) {
      Optional<Param> p = d.when().isEmpty() ? Optional.of(d.param())
          : new ConditionReader(problems, drafts, defined).read(d).map(c -> withCondition(d.param(), c));
      p.ifPresent(param -> conditioned.put(d.name(), param));
    }
    List<Param> ordered = ParentsFirst.order(conditioned, drafts, problems);
    if (problems.size() > before) return empty;
    try {
      return new SearchSpace(ordered);
    } catch (IllegalArgumentException e) {
      // Our checks run first; this is a safety net for rules only the space itself knows.
      String name = paramName(e);
      Draft d = drafts.get(name);
      problems.add(d == null ? root.origin() : d.source().origin(), d == null ? PATH : d.path(), detail(e));
      return empty;
    }
  }

  /** Walks params and namespaces, building each param without its condition. */
  private void collect(String prefix, ConfigObject object, Map<String, Draft> drafts, List<String> defined) {
    for (String key : new TreeSet<>(object.keySet())) {
      String name = prefix.isEmpty() ? key : prefix + "." + key;
      String path = PATH + "." + name;
      ConfigValue value = object.get(key);
      if (value.valueType() == ConfigValueType.LIST) {
        defined.add(name);
        paramReader.readList(name, path, (ConfigList) value)
            .ifPresent(p -> drafts.put(name, new Draft(name, path, value, p, Optional.empty())));
      } else if (value.valueType() == ConfigValueType.OBJECT && ((ConfigObject) value).containsKey("type")) {
        defined.add(name);
        ConfigObject def = (ConfigObject) value;
        paramReader.readObject(name, path, def)
            .ifPresent(p -> drafts.put(name, new Draft(name, path, value, p, Optional.ofNullable(def.get("when")))));
      } else if (isNamespace(value)) {
        collect(name, (ConfigObject) value, drafts, defined);
      } else if (value.valueType() == ConfigValueType.OBJECT) {
        problems.expected(value.origin(), path, "a param with type = " + String.join("|", ParamReader.TYPES)
            + " (or a stage of params)", Scalars.render(value));
      } else {
        problems.expected(value.origin(), path, "a param {type = ...} or a list of choices"
            + " (constants belong in sparktune.model.fixed)", Scalars.render(value));
      }
    }
  }

  private static boolean isNamespace(ConfigValue value) {
    if (value.valueType() != ConfigValueType.OBJECT) return false;
    ConfigObject object = (ConfigObject) value;
    return !object.isEmpty() && object.values().stream().allMatch(
        v -> v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.LIST);
  }

  private static Param withCondition(Param p, Condition c) {
    if (p instanceof FloatParam f) return f.when(c);
    if (p instanceof IntParam i) return i.when(c);
    return ((CategoricalParam) p).when(c);
  }

  /** The space records' messages start with the param name: {@code "regParam: low (2) must be ..."}. */
  static String paramName(IllegalArgumentException e) {
    String m = String.valueOf(e.getMessage());
    int colon = m.indexOf(": ");
    return colon < 0 ? "" : m.substring(0, colon);
  }

  /** The message of a space record's exception without its leading param name. */
  static String detail(IllegalArgumentException e) {
    String m = String.valueOf(e.getMessage());
    int colon = m.indexOf(": ");
    return Problems.oneLine(colon < 0 ? m : m.substring(colon + 2));
  }

  /** A param as read, before its condition is attached. */
  record Draft(String name, String path, ConfigValue source, Param param, Optional<ConfigValue> when) {}
}
