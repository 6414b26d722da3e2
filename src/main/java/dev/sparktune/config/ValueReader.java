package dev.sparktune.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.sparktune.space.Numbers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Typed reads of the resolved config by full key path. A bad value is recorded in {@link Problems}
 * (origin, key, what was expected, what was found) and a harmless fallback is returned, so reading
 * goes on and one run reports every problem.
 */
final class ValueReader {
  private final Config config;
  private final Problems problems;

  ValueReader(Config config, Problems problems) {
    this.config = config;
    this.problems = problems;
  }

  Problems problems() {
    return problems;
  }

  /**
   * The value at {@code path}, including an explicit {@code null}, or empty when the key is absent.
   * Walks the tree by hand because {@code Config.getValue} throws on null.
   */
  Optional<ConfigValue> lookup(String path) {
    ConfigValue current = config.root();
    for (String key : ConfigUtil.splitPath(path)) {
      if (current.valueType() != ConfigValueType.OBJECT) return Optional.empty();
      current = ((ConfigObject) current).get(key);
      if (current == null) return Optional.empty();
    }
    return Optional.of(current);
  }

  /** Origin of {@code path}, or of its nearest existing ancestor. */
  ConfigOrigin origin(String path) {
    String p = path;
    while (true) {
      Optional<ConfigValue> v = lookup(p);
      if (v.isPresent()) return v.get().origin();
      int dot = p.lastIndexOf('.');
      if (dot < 0) return config.root().origin();
      p = p.substring(0, dot);
    }
  }

  /**
   * Converts the value at {@code path}; records {@code expected <expected>, got <value>} when the
   * key is null or {@code convert} rejects it. An absent key under a non-object parent is not
   * reported again: the parent's own problem already says what is wrong.
   */
  <T> Optional<T> read(String path, String expected, Function<ConfigValue, Optional<T>> convert) {
    return read(path, expected, convert, v -> "");
  }

  /** As {@link #read(String, String, Function)}, appending {@code hint} (e.g. a did-you-mean). */
  <T> Optional<T> read(String path, String expected, Function<ConfigValue, Optional<T>> convert,
      Function<ConfigValue, String> hint) {
    Optional<ConfigValue> value = lookup(path);
    if (value.isEmpty()) {
      if (parentIsObject(path)) problems.expected(origin(path), path, expected, "nothing");
      return Optional.empty();
    }
    ConfigValue v = value.get();
    Optional<T> result = v.valueType() == ConfigValueType.NULL ? Optional.empty() : convert.apply(v);
    if (result.isEmpty()) problems.expected(v.origin(), path, expected, Scalars.render(v) + hint.apply(v));
    return result;
  }

  String string(String path) {
    return read(path, "a string", Scalars::string).orElse("");
  }

  String nonEmptyString(String path, String what) {
    return read(path, what, v -> Scalars.string(v).filter(s -> !s.isBlank())).orElse("");
  }

  /** One of {@code allowed}, with a did-you-mean for a near miss; matching ignores case. */
  String oneOf(String path, List<String> allowed) {
    Function<ConfigValue, Optional<String>> text =
        v -> Scalars.string(v).map(t -> t.trim().toLowerCase(Locale.ROOT));
    return read(path, "one of " + String.join("|", allowed), v -> text.apply(v).filter(allowed::contains),
        v -> text.apply(v).flatMap(t -> DidYouMean.closest(t, allowed))
            .map(m -> "; did you mean '" + m + "'?").orElse(""))
        .orElse(allowed.get(0));
  }

  int intIn(String path, int min, int max) {
    return read(path, "an integer in [" + min + ", " + max + "]",
        v -> Scalars.wholeNumber(v).filter(n -> n >= min && n <= max)).map(Long::intValue).orElse(min);
  }

  int intAtLeast(String path, int min) {
    return read(path, "an integer >= " + min,
        v -> Scalars.wholeNumber(v).filter(n -> n >= min && n <= Integer.MAX_VALUE))
        .map(Long::intValue).orElse(min);
  }

  long anyLong(String path) {
    return read(path, "an integer", Scalars::wholeNumber).orElse(0L);
  }

  double numberIn(String path, double min, double max) {
    return read(path, "a number in [" + Numbers.plain(min) + ", " + Numbers.plain(max) + "]",
        v -> box(Scalars.number(v)).filter(d -> d >= min && d <= max)).orElse(min);
  }

  boolean bool(String path) {
    return read(path, "true or false", Scalars::bool).orElse(false);
  }

  /** {@code keyword} (e.g. auto, none) or an integer >= min; empty for the keyword. */
  OptionalInt intAtLeastOr(String path, int min, String keyword) {
    Optional<Optional<Integer>> r = read(path, keyword + " or an integer >= " + min, v -> {
      if (isKeyword(v, keyword)) return Optional.of(Optional.<Integer>empty());
      return Scalars.wholeNumber(v).filter(n -> n >= min && n <= Integer.MAX_VALUE)
          .map(n -> Optional.of(n.intValue()));
    });
    return r.flatMap(o -> o).map(OptionalInt::of).orElse(OptionalInt.empty());
  }

  /** {@code none} or a finite number; empty for none. */
  OptionalDouble numberOrNone(String path) {
    Optional<Optional<Double>> r = read(path, "a number or none", v -> {
      if (isKeyword(v, "none")) return Optional.of(Optional.<Double>empty());
      return box(Scalars.number(v)).map(Optional::of);
    });
    return r.flatMap(o -> o).map(OptionalDouble::of).orElse(OptionalDouble.empty());
  }

  /** {@code none} or a positive duration with a unit; empty for none. */
  Optional<Duration> durationOrNone(String path) {
    Optional<Optional<Duration>> r = read(path, "a duration > 0 such as 30m, 2h or 90s, or none", v -> {
      if (isKeyword(v, "none")) return Optional.of(Optional.<Duration>empty());
      return Scalars.duration(v).filter(d -> !d.isNegative() && !d.isZero()).map(Optional::of);
    });
    return r.flatMap(o -> o);
  }

  /** A list of strings (numbers count as their text). */
  List<String> strings(String path) {
    return read(path, "a list of strings", v -> {
      if (v.valueType() != ConfigValueType.LIST) return Optional.empty();
      List<String> out = new ArrayList<>();
      for (ConfigValue item : (ConfigList) v) {
        Optional<String> s = Scalars.string(item);
        if (s.isEmpty()) return Optional.empty();
        out.add(s.get());
      }
      return Optional.of(out);
    }).orElse(List.of());
  }

  /**
   * The leaves of the object at {@code path}, keyed by their dotted path below it, so that
   * {@code fixed { lr { maxIter = 10 } }} and {@code fixed { lr.maxIter = 10 }} read alike.
   * Records a problem and returns nothing when the value is not an object.
   */
  Map<String, ConfigValue> leaves(String path) {
    return read(path, "an object { ... }", v -> v.valueType() == ConfigValueType.OBJECT
        ? Optional.of(leavesOf((ConfigObject) v)) : Optional.<Map<String, ConfigValue>>empty())
        .orElse(Map.of());
  }

  static Map<String, ConfigValue> leavesOf(ConfigObject object) {
    Map<String, ConfigValue> out = new TreeMap<>();
    collectLeaves("", object, out);
    return out;
  }

  private static void collectLeaves(String prefix, ConfigObject object, Map<String, ConfigValue> out) {
    for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
      String key = prefix + e.getKey();
      if (e.getValue().valueType() == ConfigValueType.OBJECT && !((ConfigObject) e.getValue()).isEmpty()) {
        collectLeaves(key + ".", (ConfigObject) e.getValue(), out);
      } else {
        out.put(key, e.getValue());
      }
    }
  }

  private boolean parentIsObject(String path) {
    List<String> keys = ConfigUtil.splitPath(path);
    if (keys.size() == 1) return true;
    String parent = ConfigUtil.joinPath(keys.subList(0, keys.size() - 1));
    return lookup(parent).map(v -> v.valueType() == ConfigValueType.OBJECT).orElse(false);
  }

  private static boolean isKeyword(ConfigValue v, String keyword) {
    return v.valueType() == ConfigValueType.STRING && ((String) v.unwrapped()).trim().equalsIgnoreCase(keyword);
  }

  private static Optional<Double> box(OptionalDouble d) {
    return d.isPresent() ? Optional.of(d.getAsDouble()) : Optional.empty();
  }
}
