package dev.sparktune.config;

/**
 * A value quoted back in an error message, cut to a readable length: a 5 MB {@code name} (or a
 * path built from it) must not make a 10 MB error line. The cut says how long the value was, so
 * a reader knows it was cut and why it did not fit.
 */
public final class Echo {
  /** Characters kept of a value that is cut. */
  public static final int MAX = 80;
  /** Longer values are cut; shorter ones (every real path or URI) are echoed whole. */
  public static final int WHOLE = 200;

  private Echo() {}

  /** {@code text} itself up to {@value #WHOLE} characters, else its first {@value #MAX} and {@code …(N chars)}. */
  public static String of(String text) {
    if (text == null) return "null";
    if (text.length() <= WHOLE) return text;
    int end = Character.isHighSurrogate(text.charAt(MAX - 1)) ? MAX - 1 : MAX;
    return text.substring(0, end) + "\u2026(" + text.length() + " chars)";
  }

  /**
   * An error line with no part longer than a few echoed values: the last guard for a message
   * built from a value that was not cut where it was quoted (an exception's own message).
   */
  public static String line(String message) {
    int max = 8 * WHOLE;
    if (message == null || message.length() <= max) return message;
    return message.substring(0, max / 2) + "\u2026(" + (message.length() - max) + " chars cut)\u2026"
        + message.substring(message.length() - max / 2);
  }
}
