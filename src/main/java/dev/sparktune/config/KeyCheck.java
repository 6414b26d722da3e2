package dev.sparktune.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.Set;
import java.util.TreeSet;

/**
 * Rejects keys under {@code sparktune} that reference.conf does not define, suggesting the nearest
 * known key at the same level: {@code conf/x.conf:7: sparktune.search.trails: unknown key; did you
 * mean 'trials'?}. Without this check a misspelt key would be ignored and its default used.
 *
 * <p>Subtrees whose keys are the user's to choose (MLlib param names, pipeline stages, reader
 * options) are not checked here; their readers check what can be checked.
 */
final class KeyCheck {
  static final String ROOT = "sparktune";

  /** Subtrees whose keys are open-ended. */
  static final Set<String> OPEN = Set.of(
      "sparktune.space", "sparktune.model.fixed", "sparktune.model.pipeline", "sparktune.data.options");

  private KeyCheck() {}

  /**
   * Checks {@code merged} (defaults plus user layers) against {@code reference} (defaults only).
   *
   * @param userTop top-level keys the user wrote, to catch a misspelt root such as {@code sparktun}
   */
  static void check(ConfigObject merged, ConfigObject reference, ConfigObject userTop, Problems problems) {
    for (String key : new TreeSet<>(userTop.keySet())) {
      // Other top-level keys are legal (helper values for substitutions); only near misses of the
      // root are almost certainly mistakes.
      if (!key.equals(ROOT) && DidYouMean.closest(key, Set.of(ROOT)).isPresent()) {
        problems.add(userTop.get(key).origin(), key, "unknown key; did you mean '" + ROOT + "'?");
      }
    }
    ConfigValue user = merged.get(ROOT);
    ConfigValue known = reference.get(ROOT);
    if (user == null || known == null) return;
    if (user.valueType() != ConfigValueType.OBJECT) {
      problems.expected(user.origin(), ROOT, "an object", Scalars.render(user));
      return;
    }
    walk(ROOT, (ConfigObject) user, (ConfigObject) known, problems);
  }

  private static void walk(String path, ConfigObject user, ConfigObject known, Problems problems) {
    for (String key : new TreeSet<>(user.keySet())) {
      // Quoted where the name needs it: sparktune."search.trials" is one key, not a path.
      String childPath = path + "." + ConfigUtil.joinPath(key);
      if (OPEN.contains(childPath)) continue;
      ConfigValue value = user.get(key);
      ConfigValue knownValue = known.get(key);
      if (knownValue == null) {
        boolean dotted = key.contains(".") && known.containsKey(key.substring(0, key.indexOf('.')));
        problems.add(value.origin(), childPath, "unknown key" + (dotted
            ? " (a quoted key is one name, dots and all); did you mean '" + path + "." + key + "'?"
            : DidYouMean.hint(key, known.keySet(), "keys")));
      } else if (knownValue.valueType() == ConfigValueType.OBJECT) {
        if (value.valueType() == ConfigValueType.OBJECT) {
          walk(childPath, (ConfigObject) value, (ConfigObject) knownValue, problems);
        } else {
          problems.expected(value.origin(), childPath, "an object { ... }", Scalars.render(value));
        }
      }
      // Known leaves are type-checked by the section readers.
    }
  }
}
