package dev.sparktune.report;

import dev.sparktune.space.Values;
import java.util.List;
import java.util.Map;

/**
 * Renders maps, lists, strings, numbers and booleans as indented JSON for best.json, which people
 * read: short lists stay on one line, doubles are printed as {@link Values#format} prints them
 * everywhere else (trials.csv, progress lines), and NaN or infinity become null. The journal,
 * which only programs read, is written with Jackson ({@code store/JournalCodec}).
 */
public final class Json {
  private Json() {}

  public static String render(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value, 0);
    return sb.append('\n').toString();
  }

  private static void write(StringBuilder sb, Object v, int indent) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        sb.append("{}");
        return;
      }
      sb.append("{\n");
      int i = 0;
      for (var e : m.entrySet()) {
        pad(sb, indent + 2);
        string(sb, String.valueOf(e.getKey()));
        sb.append(": ");
        write(sb, e.getValue(), indent + 2);
        sb.append(++i < m.size() ? ",\n" : "\n");
      }
      pad(sb, indent);
      sb.append('}');
    } else if (v instanceof List<?> l) {
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) sb.append(", ");
        write(sb, l.get(i), indent);
      }
      sb.append(']');
    } else if (v instanceof Double d) {
      // JSON has no NaN or Infinity; null is what readers handle.
      sb.append(Double.isFinite(d) ? Values.format(d) : "null");
    } else if (v instanceof Number || v instanceof Boolean) {
      sb.append(v);
    } else {
      string(sb, v.toString());
    }
  }

  private static void pad(StringBuilder sb, int n) {
    sb.append(" ".repeat(n));
  }

  private static void string(StringBuilder sb, String s) {
    quote(sb, s, false);
  }

  /**
   * {@code s} as a JSON string. With {@code inScript}, also {@code <}, {@code >}, {@code &} and
   * the two line separators JavaScript ends lines at are escaped, so the text can sit in an HTML
   * {@code <script>} block (see {@link ScriptJson}).
   */
  static void quote(StringBuilder sb, String s, boolean inScript) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (inScript && (c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029')) {
        sb.append(String.format("\\u%04x", (int) c));
        continue;
      }
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
          else sb.append(c);
        }
      }
    }
    sb.append('"');
  }
}
