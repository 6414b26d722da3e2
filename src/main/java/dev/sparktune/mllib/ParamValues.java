package dev.sparktune.mllib;

import dev.sparktune.config.ConfigError;
import dev.sparktune.space.Values;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleArrayArrayParam;
import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.FloatParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.param.StringArrayParam;

/**
 * Coerces configuration values (Double, Long, String, Boolean, List) to the Java type an MLlib
 * param holds. Config files are loose about numbers ({@code maxDepth = 5.0}) and arrays
 * ({@code layers = "57,16,2"}, since a categorical choice cannot be a list), so this accepts
 * every unambiguous spelling and rejects the rest with the key, the param and the expected type.
 */
final class ParamValues {
  private ParamValues() {}

  /**
   * The Java type behind {@code p}. Typed subclasses say it directly; a plain {@code Param<T>}
   * is erased, but the Scala getter ({@code getFamily(): String}) keeps {@code T}, and failing
   * that a default value shows it.
   */
  static Class<?> typeOf(Params owner, Param<?> p) {
    if (p instanceof IntParam) return Integer.class;
    if (p instanceof LongParam) return Long.class;
    if (p instanceof DoubleParam) return Double.class;
    if (p instanceof FloatParam) return Float.class;
    if (p instanceof BooleanParam) return Boolean.class;
    if (p instanceof IntArrayParam) return int[].class;
    if (p instanceof DoubleArrayParam) return double[].class;
    if (p instanceof StringArrayParam) return String[].class;
    if (p instanceof DoubleArrayArrayParam) return double[][].class;
    String n = p.name();
    try {
      Method getter = owner.getClass().getMethod("get" + Character.toUpperCase(n.charAt(0)) + n.substring(1));
      if (getter.getParameterCount() == 0 && getter.getReturnType() != Object.class) {
        return box(getter.getReturnType());
      }
    } catch (NoSuchMethodException e) {
      // fall through to the default value
    }
    scala.Option<?> def = owner.getDefault(p);
    return def.isDefined() ? def.get().getClass() : Object.class;
  }

  private static Class<?> box(Class<?> c) {
    if (c == int.class) return Integer.class;
    if (c == long.class) return Long.class;
    if (c == double.class) return Double.class;
    if (c == float.class) return Float.class;
    if (c == boolean.class) return Boolean.class;
    return c;
  }

  static String typeName(Class<?> type) {
    if (type == Integer.class || type == Long.class) return "an integer";
    if (type == Double.class || type == Float.class) return "a number";
    if (type == Boolean.class) return "a boolean";
    if (type == String.class) return "a string";
    if (type == int[].class) return "a list of integers (or a string like \"57,16,2\")";
    if (type == double[].class) return "a list of numbers (or a string like \"0.3,0.7\")";
    if (type == String[].class) return "a list of strings";
    if (type == double[][].class) return "a list of lists of numbers";
    return "a " + type.getSimpleName();
  }

  /** {@code value} as the param's Java type; {@code what} is "Owner.param" for messages. */
  static Object coerce(Params owner, Param<?> p, Object value, String key, String what) {
    Class<?> type = typeOf(owner, p);
    Object v = convert(type, value);
    if (v == null) {
      throw new ConfigError(key + ": " + what + " expects " + typeName(type) + ", got "
          + describe(value));
    }
    return v;
  }

  private static Object convert(Class<?> type, Object value) {
    if (type == Integer.class) {
      Long l = whole(value);
      return l != null && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? Integer.valueOf(l.intValue()) : null;
    }
    if (type == Long.class) return whole(value);
    if (type == Double.class) return value instanceof Number n ? Double.valueOf(n.doubleValue()) : null;
    if (type == Float.class) return value instanceof Number n ? Float.valueOf(n.floatValue()) : null;
    if (type == Boolean.class) {
      if (value instanceof Boolean b) return b;
      if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
        return Boolean.valueOf(s);
      }
      return null;
    }
    if (type == String.class) {
      // featureSubsetStrategy = 0.5 or "0.5" mean the same thing to a user.
      if (value instanceof String || value instanceof Boolean || value instanceof Long) return String.valueOf(value);
      return value instanceof Double ? Values.format(value) : null;
    }
    if (type == int[].class) {
      List<Object> items = items(value);
      if (items == null) return null;
      int[] out = new int[items.size()];
      for (int i = 0; i < out.length; i++) {
        Long l = whole(number(items.get(i)));
        if (l == null || l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) return null;
        out[i] = l.intValue();
      }
      return out;
    }
    if (type == double[].class) {
      List<Object> items = items(value);
      if (items == null) return null;
      double[] out = new double[items.size()];
      for (int i = 0; i < out.length; i++) {
        Object n = number(items.get(i));
        if (!(n instanceof Number num)) return null;
        out[i] = num.doubleValue();
      }
      return out;
    }
    if (type == String[].class) {
      List<Object> items = items(value);
      return items == null ? null : items.stream().map(String::valueOf).toArray(String[]::new);
    }
    if (type == double[][].class && value instanceof List<?> rows) {
      double[][] out = new double[rows.size()][];
      for (int i = 0; i < out.length; i++) {
        Object row = convert(double[].class, rows.get(i));
        if (row == null) return null;
        out[i] = (double[]) row;
      }
      return out;
    }
    return null;  // Vector, Matrix and other object params cannot come from a config file
  }

  /** A whole number as Long: Long/Integer, or a Double with no fractional part. */
  private static Long whole(Object value) {
    if (value instanceof Long l) return l;
    if (value instanceof Integer i) return i.longValue();
    if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9.0e15) return d.longValue();
    return null;
  }

  /** A list item or a token of "57,16,2" as a number, or null. */
  private static Object number(Object item) {
    if (item instanceof Number) return item instanceof Integer i ? Long.valueOf(i) : item;
    if (item instanceof String s) {
      try {
        double d = Double.parseDouble(s.strip());
        return d == Math.rint(d) && !s.contains(".") && !s.toLowerCase(Locale.ROOT).contains("e")
            ? Long.valueOf((long) d) : Double.valueOf(d);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** A List as is, or "57,16,2" / "[57, 16, 2]" / "57 16 2" split into tokens. */
  private static List<Object> items(Object value) {
    if (value instanceof List<?> l) return new ArrayList<>(l);
    if (!(value instanceof String s)) return null;
    String body = s.strip();
    if (body.startsWith("[") && body.endsWith("]")) body = body.substring(1, body.length() - 1);
    if (body.isBlank()) return new ArrayList<>();
    return new ArrayList<>(List.of((Object[]) body.strip().split("\\s*[,;\\s]\\s*")));
  }

  private static String describe(Object value) {
    if (value instanceof String s) return "'" + s + "'";
    if (value == null) return "null";
    return value + " (" + value.getClass().getSimpleName().toLowerCase(Locale.ROOT) + ")";
  }
}
