package dev.sparktune.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.sparktune.space.CategoricalParam;
import dev.sparktune.space.Condition;
import dev.sparktune.space.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads a param's {@code when { parent = [choice, ...] }} into a {@link Condition}. The parent must
 * be a categorical param of the same space; it is looked up in the child's namespace first
 * ({@code lr { elasticNetParam { when { penalty = [...] } } }} finds {@code lr.penalty}), then from
 * the root. A single choice may be written without brackets.
 */
final class ConditionReader {
  private final Problems problems;
  private final Map<String, SpaceReader.Draft> drafts;
  private final List<String> defined;

  /**
   * @param drafts params that were read successfully, by name
   * @param defined every param name, including those whose definition had problems
   */
  ConditionReader(Problems problems, Map<String, SpaceReader.Draft> drafts, List<String> defined) {
    this.problems = problems;
    this.drafts = drafts;
    this.defined = defined;
  }

  Optional<Condition> read(SpaceReader.Draft child) {
    ConfigValue when = child.when().orElseThrow();
    String whenPath = child.path() + ".when";
    String example = "one parent such as when { penalty = [elastic] }";
    if (when.valueType() != ConfigValueType.OBJECT) {
      problems.expected(when.origin(), whenPath, example, Scalars.render(when));
      return Optional.empty();
    }
    Map<String, ConfigValue> entries = new TreeMap<>();
    flatten("", (ConfigObject) when, entries);
    if (entries.size() != 1) {
      problems.expected(when.origin(), whenPath, example, entries.isEmpty() ? "{}" : String.join(", ", entries.keySet()));
      return Optional.empty();
    }
    String key = entries.keySet().iterator().next();
    ConfigValue choices = entries.get(key);
    String keyPath = whenPath + "." + key;

    Optional<String> parentName = resolve(child.name(), key);
    if (parentName.isEmpty()) {
      List<String> categoricals = drafts.values().stream()
          .filter(d -> d.param() instanceof CategoricalParam).map(SpaceReader.Draft::name).toList();
      problems.expected(choices.origin(), keyPath, "the name of a categorical param of this space",
          "'" + key + "'" + DidYouMean.hint(key, categoricals, "categorical params"));
      return Optional.empty();
    }
    SpaceReader.Draft parent = drafts.get(parentName.get());
    if (parent == null) return Optional.empty(); // the parent's own definition was reported already
    if (parent.name().equals(child.name())) {
      problems.expected(choices.origin(), keyPath, "another param", "the param itself");
      return Optional.empty();
    }
    if (!(parent.param() instanceof CategoricalParam categorical)) {
      problems.expected(choices.origin(), keyPath, "a categorical param",
          "'" + parent.name() + "', a " + kind(parent) + " param");
      return Optional.empty();
    }
    return values(keyPath, choices, categorical).map(v -> new Condition(parent.name(), v));
  }

  /** The choices the condition names, as the parent's own choice objects (so 1 and 1.0 agree). */
  private Optional<List<Object>> values(String keyPath, ConfigValue choices, CategoricalParam parent) {
    String expected = "a non-empty list of choices of '" + parent.name() + "' "
        + parent.choices().stream().map(Values::format).toList();
    List<ConfigValue> items = choices.valueType() == ConfigValueType.LIST ? (ConfigList) choices : List.of(choices);
    if (items.isEmpty()) {
      problems.expected(choices.origin(), keyPath, expected, "[]");
      return Optional.empty();
    }
    List<Object> out = new ArrayList<>();
    for (ConfigValue item : items) {
      int index = Scalars.choice(item).map(parent::indexOf).orElse(-1);
      if (index < 0) {
        problems.expected(item.origin(), keyPath, expected, Scalars.render(item));
        return Optional.empty();
      }
      out.add(parent.choices().get(index));
    }
    return Optional.of(out);
  }

  private Optional<String> resolve(String childName, String key) {
    int dot = childName.lastIndexOf('.');
    if (dot >= 0) {
      String sibling = childName.substring(0, dot + 1) + key;
      if (defined.contains(sibling)) return Optional.of(sibling);
    }
    return defined.contains(key) ? Optional.of(key) : Optional.empty();
  }

  /** {@code when { lr.family = [...] }} is {@code when { lr { family = [...] } }} to HOCON. */
  private static void flatten(String prefix, ConfigObject object, Map<String, ConfigValue> out) {
    for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
      String key = prefix + e.getKey();
      if (e.getValue().valueType() == ConfigValueType.OBJECT) {
        flatten(key + ".", (ConfigObject) e.getValue(), out);
      } else {
        out.put(key, e.getValue());
      }
    }
  }

  private static String kind(SpaceReader.Draft d) {
    return d.param().getClass().getSimpleName().replace("Param", "").toLowerCase(Locale.ROOT);
  }
}
