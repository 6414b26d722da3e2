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

  /** The exception's message without the origin Typesafe already put in front of it. */
  static String detail(ConfigException e) {
    String message = String.valueOf(e.getMessage());
    if (e.origin() != null) {
      String prefix = e.origin().description() + ": ";
      if (message.startsWith(prefix)) message = message.substring(prefix.length());
    }
    return Problems.oneLine(message);
  }
}
