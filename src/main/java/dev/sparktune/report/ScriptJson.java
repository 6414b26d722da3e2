package dev.sparktune.report;

import java.util.List;
import java.util.Map;

/**
 * Compact JSON for a {@code <script type="application/json">} block: besides JSON's own escapes,
 * {@code <}, {@code >} and {@code &} are written as {@code \u003c} and so on, so no value (an
 * error message holding {@code </script>}, a categorical value holding markup) can end the block.
 * Non-finite numbers become null; floats are written in their short form.
 */
final class ScriptJson {
  private ScriptJson() {}

  static void write(StringBuilder sb, Object v) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String s) {
      string(sb, s);
    } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
      sb.append(v);
    } else if (v instanceof Float f) {
      sb.append(Float.isFinite(f) ? shortNumber(Float.toString(f)) : "null");
    } else if (v instanceof Double d) {
      sb.append(Double.isFinite(d) ? shortNumber(Double.toString(d)) : "null");
    } else if (v instanceof Number n) {
      write(sb, n.doubleValue());
    } else if (v instanceof Map<?, ?> m) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) sb.append(',');
        first = false;
        string(sb, String.valueOf(e.getKey()));
        sb.append(':');
        write(sb, e.getValue());
      }
      sb.append('}');
    } else if (v instanceof List<?> l) {
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) sb.append(',');
        write(sb, l.get(i));
      }
      sb.append(']');
    } else {
      string(sb, String.valueOf(v));
    }
  }

  /** "3.0" → "3", "1.0E-4" → "1.0E-4" (valid JSON either way; shorter for whole numbers). */
  private static String shortNumber(String s) {
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }

  static void string(StringBuilder sb, String s) {
    Json.quote(sb, s, true);
  }
}
