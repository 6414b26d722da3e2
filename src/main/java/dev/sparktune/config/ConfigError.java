package dev.sparktune.config;

/**
 * A caller mistake in the configuration: bad value, unknown key, unknown MLlib param. The message
 * is one line that names the file and line when known, the key path, and what was expected:
 * {@code conf/tune.conf:14: sparktune.cv.folds: expected an integer >= 2, got 1}.
 */
public final class ConfigError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigError(String message) {
    super(message);
  }

  public ConfigError(String message, Throwable cause) {
    super(message, cause);
  }
}
