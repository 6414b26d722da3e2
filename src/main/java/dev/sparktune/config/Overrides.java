package dev.sparktune.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses command-line overrides ({@code sparktune.search.trials=10}) into one config layer; a
 * later override of the same key wins.
 *
 * <p>The value is HOCON, so {@code [gini, entropy]}, {@code {type = int, low = 2, high = 8}}, numbers
 * and booleans keep their types. But a plain path such as {@code hdfs://nn:8020/out} is not valid
 * unquoted HOCON ({@code :} is a separator and {@code //} starts a comment that would silently cut
 * the value), so a value that does not start like structured HOCON and would be cut or rejected is
 * taken as a literal string instead.
 *
 * <p>An override must land on a key: one under {@code sparktune} (checked against reference.conf
 * like the file's keys) or a helper value the file itself defines (for its substitutions).
 * Anything else — {@code search.trials=7} without the prefix, or {@code "sparktune.data.label"=x},
 * whose quotes make one key with dots in its name — would be ignored, so it is refused.
 */
final class Overrides {
  // key = value, where key is a path expression (quoted segments allowed) and '=' or ':' separates.
  private static final Pattern KEY_VALUE = Pattern.compile("^\\s*([A-Za-z0-9_\\-.\"]+)\\s*[=:]\\s*(.*)$", Pattern.DOTALL);

  private static final ConfigParseOptions OPTIONS =
      ConfigParseOptions.defaults().setOriginDescription(Origins.COMMAND_LINE);

  private Overrides() {}

  /**
   * @throws ConfigError naming the override that is neither {@code key=value} nor valid HOCON
   */
  static Config parse(List<String> overrides) {
    Config layer = ConfigFactory.empty(Origins.COMMAND_LINE);
    for (String override : overrides) {
      layer = parseOne(override).withFallback(layer);
    }
    return layer;
  }

  /**
   * @param file the tuning file's own layer (empty without a file)
   * @param known reference.conf, for the did-you-mean
   * @throws ConfigError naming the first override whose key lands on nothing known
   */
  static void checkLanding(List<String> overrides, Config file, Config known) {
    for (String override : overrides) {
      Config layer = parseOne(override);
      for (String top : new TreeSet<>(layer.root().keySet())) {
        if (top.equals(KeyCheck.ROOT) || file.root().containsKey(top) || substituted(file).contains(top)) continue;
        List<String> leaves = new ArrayList<>();
        layer.withOnlyPath(ConfigUtil.joinPath(top)).entrySet().forEach(e -> leaves.add(e.getKey()));
        String path = leaves.isEmpty() ? ConfigUtil.joinPath(top) : leaves.stream().sorted().findFirst().orElseThrow();
        throw new ConfigError(Origins.COMMAND_LINE + ": " + Echo.of(path) + ": unknown key"
            + (top.contains(".") ? " (a quoted key is one name, dots and all)" : "")
            + meant(path, file, known).map(m -> "; did you mean '" + m + "'?")
                .orElse("; expected a key under " + KeyCheck.ROOT + " (or one the file defines), e.g. "
                    + KeyCheck.ROOT + ".search.trials=10"));
      }
    }
  }

  private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{\\??\\s*\"?([^}.\"\\s]+)");

  /** First names of the file's substitutions: {@code ${?DATA}} may be given on the command line as DATA=... */
  private static Set<String> substituted(Config file) {
    Set<String> names = new TreeSet<>();
    Matcher m = SUBSTITUTION.matcher(file.root().render(ConfigRenderOptions.concise()));
    while (m.find()) names.add(m.group(1));
    return names;
  }

  /** The known key {@code path} was probably meant as: with the prefix, or without the quotes. */
  private static Optional<String> meant(String path, Config file, Config known) {
    List<String> elements = ConfigUtil.splitPath(path);
    List<String> candidates = new ArrayList<>();
    String unquoted = String.join(".", elements);
    candidates.add(unquoted);
    candidates.add(KeyCheck.ROOT + "." + unquoted);
    for (String c : candidates) {
      try {
        if (known.hasPathOrNull(c) || file.hasPathOrNull(c)) return Optional.of(c);
      } catch (ConfigException e) {
        // not a valid path expression: no suggestion from it
      }
    }
    Set<String> tops = new TreeSet<>(file.root().keySet());
    tops.add(KeyCheck.ROOT);
    return DidYouMean.closest(elements.get(0), tops);
  }

  private static Config parseOne(String override) {
    Matcher m = KEY_VALUE.matcher(override);
    if (m.matches()) {
      String key = m.group(1);
      String value = m.group(2).trim();
      if (!looksStructured(value) && (value.contains("//") || value.contains("#"))) {
        return parse(override, key + " = " + ConfigUtil.quoteString(value));
      }
      try {
        return ConfigFactory.parseString(key + " = " + value, OPTIONS);
      } catch (ConfigException.Parse e) {
        if (looksStructured(value)) throw error(override, e);
        return parse(override, key + " = " + ConfigUtil.quoteString(value));
      }
    }
    // e.g. "sparktune.space.maxDepth { type = int, low = 2, high = 8 }"
    return parse(override, override);
  }

  private static boolean looksStructured(String value) {
    return value.startsWith("[") || value.startsWith("{") || value.startsWith("\"") || value.startsWith("${");
  }

  private static Config parse(String override, String hocon) {
    try {
      return ConfigFactory.parseString(hocon, OPTIONS);
    } catch (ConfigException e) {
      throw error(override, e);
    }
  }

  private static ConfigError error(String override, ConfigException e) {
    return new ConfigError(Problems.oneLine(Origins.COMMAND_LINE + ": cannot parse override '" + Echo.of(override)
        + "': expected key=value with a HOCON value, got error: " + Errors.detail(e)), e);
  }
}
