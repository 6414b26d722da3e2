package dev.sparktune.config;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Converts single HOCON values to Java values, accepting what HOCON itself accepts (a number may be
 * written as a string, as an override from the command line sometimes is) but never silently
 * truncating: {@code 2.5} is not an integer here, although Typesafe's {@code getInt} would make it 2.
 */
final class Scalars {

  private Scalars() {}

  /** A whole number that fits a long. */
  static Optional<Long> wholeNumber(ConfigValue v) {
    if (v.valueType() == ConfigValueType.NUMBER) {
      Number n = (Number) v.unwrapped();
      if (n instanceof Integer || n instanceof Long) return Optional.of(n.longValue());
      return asLong(n.doubleValue());
    }
    if (v.valueType() == ConfigValueType.STRING) {
      String s = ((String) v.unwrapped()).trim();
      try {
        return Optional.of(Long.parseLong(s));
      } catch (NumberFormatException e) {
        OptionalDouble d = parseDouble(s);
        return d.isPresent() ? asLong(d.getAsDouble()) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** A finite number. */
  static OptionalDouble number(ConfigValue v) {
    if (v.valueType() == ConfigValueType.NUMBER) {
      double d = ((Number) v.unwrapped()).doubleValue();
      return Double.isFinite(d) ? OptionalDouble.of(d) : OptionalDouble.empty();
    }
    if (v.valueType() == ConfigValueType.STRING) return parseDouble(((String) v.unwrapped()).trim());
    return OptionalDouble.empty();
  }

  /** true/false, also as the strings HOCON accepts for booleans (yes/no, on/off). */
  static Optional<Boolean> bool(ConfigValue v) {
    if (v.valueType() == ConfigValueType.BOOLEAN) return Optional.of((Boolean) v.unwrapped());
    if (v.valueType() == ConfigValueType.STRING) {
      return switch (((String) v.unwrapped()).trim().toLowerCase(Locale.ROOT)) {
        case "true", "yes", "on" -> Optional.of(true);
        case "false", "no", "off" -> Optional.of(false);
        default -> Optional.empty();
      };
    }
    return Optional.empty();
  }

  /** A string; numbers and booleans count as their text, as with Typesafe's {@code getString}. */
  static Optional<String> string(ConfigValue v) {
    if (v.valueType() == ConfigValueType.STRING) return Optional.of((String) v.unwrapped());
    if (v.valueType() == ConfigValueType.NUMBER || v.valueType() == ConfigValueType.BOOLEAN) {
      return Optional.of(v.render());
    }
    return Optional.empty();
  }

  /** A duration with a unit ({@code 30m}, {@code 2h}, {@code 90s}); bare numbers are refused. */
  static Optional<Duration> duration(ConfigValue v) {
    // Typesafe reads a bare number as milliseconds; "time-limit = 600" meaning 0.6 s is a trap.
    if (v.valueType() != ConfigValueType.STRING) return Optional.empty();
    try {
      return Optional.of(ConfigFactory.empty().withValue("d", v).getDuration("d"));
    } catch (ConfigException e) {
      return Optional.empty();
    }
  }

  /**
   * A value usable as a categorical choice or fixed MLlib param: String, Boolean, Long (whole
   * numbers) or Double. Empty for lists, objects and null.
   */
  static Optional<Object> choice(ConfigValue v) {
    return switch (v.valueType()) {
      case STRING, BOOLEAN -> Optional.of(v.unwrapped());
      case NUMBER -> Optional.of(wholeNumber(v).<Object>map(l -> l)
          .orElse(((Number) v.unwrapped()).doubleValue()));
      default -> Optional.empty();
    };
  }

  /** The value as a user would recognise it in an error line: strings quoted, the rest as HOCON. */
  static String render(ConfigValue v) {
    if (v == null) return "nothing";
    return switch (v.valueType()) {
      case STRING -> Problems.oneLine("'" + Echo.of(String.valueOf(v.unwrapped())) + "'");
      case NULL -> "null";
      default -> Echo.of(Problems.oneLine(v.render(ConfigRenderOptions.concise())));
    };
  }

  private static Optional<Long> asLong(double d) {
    boolean whole = Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 0x1p63;
    return whole ? Optional.of((long) d) : Optional.empty();
  }

  private static OptionalDouble parseDouble(String s) {
    try {
      double d = Double.parseDouble(s);
      return Double.isFinite(d) ? OptionalDouble.of(d) : OptionalDouble.empty();
    } catch (NumberFormatException e) {
      return OptionalDouble.empty();
    }
  }
}
