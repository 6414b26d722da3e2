package dev.sparktune.config;

import com.typesafe.config.ConfigOrigin;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Formats a {@link ConfigOrigin} as the {@code file:line} prefix of an error line.
 *
 * <p>Typesafe Config gives merged values (an object set in both the file and reference.conf, or a
 * string concatenated from both) an origin whose only useful part is its description,
 * {@code "merge of a.conf: 3,reference.conf @ jar:...: 40"}; the first entry is the layer with the
 * highest priority, which is the one the user wrote, so that is the one we report.
 */
final class Origins {
  /** Origin description given to command-line overrides; it has no meaningful line. */
  static final String COMMAND_LINE = "command line";

  private static final String MERGE = "merge of ";
  // "name: 12" or "name @ url: 12", as SimpleConfigOrigin describes one origin.
  private static final Pattern ONE = Pattern.compile("^(.*?)(?: @ .*)?: (\\d+)$");

  private Origins() {}

  static String where(ConfigOrigin origin) {
    if (origin == null) return "unknown origin";
    String description = origin.description();
    if (description.startsWith(MERGE)) {
      int comma = description.indexOf(',', MERGE.length());
      return describeOne(description.substring(MERGE.length(), comma < 0 ? description.length() : comma));
    }
    if (origin.resource() != null) return withLine(origin.resource(), origin.lineNumber());
    if (origin.filename() != null) return withLine(origin.filename(), origin.lineNumber());
    return describeOne(description);
  }

  private static String describeOne(String description) {
    Matcher m = ONE.matcher(description.trim());
    if (!m.matches()) return description.trim();
    return withLine(m.group(1), Integer.parseInt(m.group(2)));
  }

  private static String withLine(String name, int line) {
    if (name.equals(COMMAND_LINE) || line < 0) return name;
    return name + ":" + line;
  }
}
