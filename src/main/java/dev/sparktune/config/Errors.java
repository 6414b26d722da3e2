package dev.sparktune.config;

import com.typesafe.config.ConfigException;

/** Turns Typesafe's exceptions (parse, I/O, unresolved substitution) into our one-line form. */
final class Errors {
  private Errors() {}

  /** {@code <origin>: <detail>} for an exception Typesafe raised while parsing or resolving. */
  static ConfigError from(ConfigException e, String what) {
    String where = e.origin() == null ? "" : Origins.where(e.origin()) + ": ";
    return new ConfigError(Problems.oneLine(where + what + ": " + detail(e)), e);
  }

  /**
   * {@code conf/x.conf:4: ${DATA_PATH}: expected a config key or a set environment variable (write
   * ${?DATA_PATH} to make it optional), got neither}.
   */
  static ConfigError unresolved(ConfigException.UnresolvedSubstitution e) {
    String detail = detail(e);
    int start = detail.lastIndexOf("${");
    int end = detail.indexOf('}', Math.max(start, 0));
    if (start < 0 || end < 0) return from(e, "cannot resolve");
    String expression = detail.substring(start, end + 1);
    String optional = expression.startsWith("${?") ? expression : "${?" + expression.substring(2);
    String where = e.origin() == null ? "" : Origins.where(e.origin()) + ": ";
    return new ConfigError(where + expression + ": expected a config key or a set environment variable (write "
        + optional + " to make it optional), got neither", e);
  }

  /** The exception's message without the origin Typesafe already put in front of it. */
  static String detail(ConfigException e) {
    String message = String.valueOf(e.getMessage());
    if (e.origin() != null) {
      String prefix = e.origin().description() + ": ";
      if (message.startsWith(prefix)) message = message.substring(prefix.length());
    }
    return Echo.line(Problems.oneLine(message));
  }
}
