package dev.sparktune.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigUtil;
import java.util.List;
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
    return new ConfigError(Problems.oneLine(Origins.COMMAND_LINE + ": cannot parse override '" + override
        + "': expected key=value with a HOCON value, got error: " + Errors.detail(e)), e);
  }
}
