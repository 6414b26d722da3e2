package dev.sparktune.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.sparktune.space.CategoricalParam;
import dev.sparktune.space.FloatParam;
import dev.sparktune.space.IntParam;
import dev.sparktune.space.Param;
import dev.sparktune.space.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads one param definition of {@code sparktune.space} (without its condition, which needs the
 * whole space): {@code {type = float, low, high, log, step}}, {@code {type = int, ...}},
 * {@code {type = categorical, values = [...]}}, a numeric {@code values} list, or the shorthand
 * list {@code [gini, entropy]}. Checks what the space records check too, but first, so that the
 * message can name the key path and its line instead of only the param.
 */
final class ParamReader {
  static final List<String> TYPES = List.of("float", "int", "categorical");
  private static final Set<String> NUMERIC_KEYS = Set.of("type", "low", "high", "log", "step", "values", "when");
  private static final Set<String> CATEGORICAL_KEYS = Set.of("type", "values", "when");
  private static final List<String> RANGE_KEYS = List.of("low", "high", "log", "step");

  private final Problems problems;

  ParamReader(Problems problems) {
    this.problems = problems;
  }

  /** The shorthand {@code name = [a, b]}: a categorical. */
  Optional<Param> readList(String name, String path, ConfigList list) {
    return choices(path, list, "strings, numbers or booleans", Scalars::choice)
        .map(c -> new CategoricalParam(name, c, Optional.empty()));
  }

  /** A definition object that has a {@code type} key. */
  Optional<Param> readObject(String name, String path, ConfigObject def) {
    String type = Scalars.string(def.get("type")).map(t -> t.trim().toLowerCase(Locale.ROOT)).orElse("");
    if (!TYPES.contains(type)) {
      String hint = DidYouMean.closest(type, TYPES).map(m -> "; did you mean '" + m + "'?").orElse("");
      problems.expected(def.get("type").origin(), path + ".type", "one of " + String.join("|", TYPES),
          Scalars.render(def.get("type")) + hint);
      return Optional.empty();
    }
    Set<String> allowed = type.equals("categorical") ? CATEGORICAL_KEYS : NUMERIC_KEYS;
    int before = problems.size();
    for (String key : new TreeSet<>(def.keySet())) {
      if (!allowed.contains(key)) {
        problems.add(def.get(key).origin(), path + "." + key,
            "unknown key" + DidYouMean.hint(key, allowed, "keys of a " + type + " param"));
      }
    }
    Optional<Param> param = switch (type) {
      case "float" -> readFloat(name, path, def);
      case "int" -> readInt(name, path, def);
      default -> readCategorical(name, path, def);
    };
    return problems.size() == before ? param : Optional.empty();
  }

  private Optional<Param> readCategorical(String name, String path, ConfigObject def) {
    Optional<List<Object>> values = values(path, def, "strings, numbers or booleans", Scalars::choice);
    return values.map(c -> new CategoricalParam(name, c, Optional.empty()));
  }

  private Optional<Param> readFloat(String name, String path, ConfigObject def) {
    if (def.containsKey("values")) {
      if (!rangeKeysAbsent(path, def)) return Optional.empty();
      return values(path, def, "numbers", v -> box(Scalars.number(v)).map(d -> (Object) d))
          .map(c -> new CategoricalParam(name, c, Optional.empty()));
    }
    Optional<Double> low = required(path, def, "low", "a number", v -> box(Scalars.number(v)));
    Optional<Double> high = required(path, def, "high", "a number", v -> box(Scalars.number(v)));
    boolean log = optional(path, def, "log", "true or false", Scalars::bool).orElse(false);
    Optional<Double> step = optional(path, def, "step", "a number > 0", v -> box(Scalars.number(v)).filter(s -> s > 0));
    if (low.isEmpty() || high.isEmpty()) return Optional.empty();
    if (!rangeIsValid(path, def, low.get(), high.get(), log, step, low.get() > 0, "a number > 0")) {
      return Optional.empty();
    }
    OptionalDouble s = step.map(OptionalDouble::of).orElse(OptionalDouble.empty());
    return construct(path, def, () -> new FloatParam(name, low.get(), high.get(), log, s, Optional.empty()));
  }

  private Optional<Param> readInt(String name, String path, ConfigObject def) {
    if (def.containsKey("values")) {
      if (!rangeKeysAbsent(path, def)) return Optional.empty();
      return values(path, def, "integers", v -> Scalars.wholeNumber(v).map(l -> (Object) l))
          .map(c -> new CategoricalParam(name, c, Optional.empty()));
    }
    Optional<Long> low = required(path, def, "low", "an integer", Scalars::wholeNumber);
    Optional<Long> high = required(path, def, "high", "an integer", Scalars::wholeNumber);
    boolean log = optional(path, def, "log", "true or false", Scalars::bool).orElse(false);
    Optional<Long> step = optional(path, def, "step", "an integer >= 1", v -> Scalars.wholeNumber(v).filter(s -> s >= 1));
    if (low.isEmpty() || high.isEmpty()) return Optional.empty();
    if (!rangeIsValid(path, def, low.get(), high.get(), log, step, low.get() >= 1, "an integer >= 1")) {
      return Optional.empty();
    }
    return construct(path, def, () -> new IntParam(name, low.get(), high.get(), log, step.orElse(1L), Optional.empty()));
  }

  /**
   * low < high, and a step that fits between them at least once; a log scale needs a positive low
   * ({@code lowFitsLog}) and no step. A range of one value is refused although the space could
   * hold it: it is a constant written as a range, most often a typo in one of its ends.
   */
  private boolean rangeIsValid(String path, ConfigObject def, double low, double high, boolean log,
      Optional<? extends Number> step, boolean lowFitsLog, String logExpected) {
    boolean ok = true;
    String ends = "low = " + Scalars.render(def.get("low")) + " and high = " + Scalars.render(def.get("high"));
    if (low > high) {
      problems.expected(def.get("high").origin(), path, "low <= high", ends);
      ok = false;
    } else if (low == high) {
      problems.expected(def.get("high").origin(), path,
          "low < high (a param held at one value belongs in sparktune.model.fixed)", ends);
      ok = false;
    } else if (step.isPresent() && step.get().doubleValue() > (high - low) * (1 + 1e-9)) {
      // A step wider than the range leaves only low: a silent constant, like low = high.
      problems.expected(def.get("step").origin(), path + ".step", "a step <= high - low",
          "step = " + Scalars.render(def.get("step")) + " with " + ends);
      ok = false;
    }
    boolean hasStep = step.isPresent();
    if (log && !lowFitsLog) {
      problems.expected(def.get("low").origin(), path + ".low", logExpected + " because log = true",
          Scalars.render(def.get("low")));
      ok = false;
    }
    if (log && hasStep) {
      problems.expected(def.get("step").origin(), path + ".step", "no step because log = true",
          Scalars.render(def.get("step")));
      ok = false;
    }
    return ok;
  }

  private boolean rangeKeysAbsent(String path, ConfigObject def) {
    for (String key : RANGE_KEYS) {
      if (def.containsKey(key)) {
        problems.expected(def.get(key).origin(), path + "." + key,
            "either a values list or low/high, not both", key + " next to values");
        return false;
      }
    }
    return true;
  }

  private Optional<List<Object>> values(String path, ConfigObject def, String what,
      Function<ConfigValue, Optional<Object>> convert) {
    ConfigValue v = def.get("values");
    if (v == null) {
      problems.expected(def.origin(), path + ".values", "a non-empty list of " + what, "nothing");
      return Optional.empty();
    }
    if (v.valueType() != ConfigValueType.LIST) {
      problems.expected(v.origin(), path + ".values", "a non-empty list of " + what, Scalars.render(v));
      return Optional.empty();
    }
    return choices(path + ".values", (ConfigList) v, what, convert);
  }

  /** A non-empty list of distinct choices, each converted by {@code convert}. */
  private Optional<List<Object>> choices(String path, ConfigList list, String what,
      Function<ConfigValue, Optional<Object>> convert) {
    String expected = "a non-empty list of " + what;
    List<Object> out = new ArrayList<>();
    for (ConfigValue item : list) {
      Optional<Object> c = convert.apply(item);
      if (c.isEmpty()) {
        problems.expected(item.origin(), path, expected, Scalars.render(list));
        return Optional.empty();
      }
      for (Object seen : out) {
        if (Values.same(seen, c.get())) {
          problems.expected(item.origin(), path, "distinct choices", Values.format(c.get()) + " twice");
          return Optional.empty();
        }
      }
      out.add(c.get());
    }
    if (out.isEmpty()) {
      problems.expected(list.origin(), path, expected, "[]");
      return Optional.empty();
    }
    return Optional.of(out);
  }

  private <T> Optional<T> required(String path, ConfigObject def, String key, String expected,
      Function<ConfigValue, Optional<T>> convert) {
    if (!def.containsKey(key)) {
      problems.expected(def.origin(), path + "." + key, expected, "nothing");
      return Optional.empty();
    }
    return optional(path, def, key, expected, convert);
  }

  private <T> Optional<T> optional(String path, ConfigObject def, String key, String expected,
      Function<ConfigValue, Optional<T>> convert) {
    ConfigValue v = def.get(key);
    if (v == null) return Optional.empty();
    Optional<T> result = v.valueType() == ConfigValueType.NULL ? Optional.empty() : convert.apply(v);
    if (result.isEmpty()) problems.expected(v.origin(), path + "." + key, expected, Scalars.render(v));
    return result;
  }

  /** Runs a space constructor; its IllegalArgumentException ("name: detail") becomes a problem line. */
  private Optional<Param> construct(String path, ConfigObject def, Supplier<Param> ctor) {
    try {
      return Optional.of(ctor.get());
    } catch (IllegalArgumentException e) {
      problems.add(def.origin(), path, SpaceReader.detail(e));
      return Optional.empty();
    }
  }

  private static Optional<Double> box(OptionalDouble d) {
    return d.isPresent() ? Optional.of(d.getAsDouble()) : Optional.empty();
  }
}
