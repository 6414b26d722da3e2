package dev.sparktune.engine;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkThrowable;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * The Spark APIs that differ between the lines sparktune builds for (4.1 default, 4.0, 3.5; see
 * README "Spark versions"), in one place, so the rest of the code reads the same on every line.
 * Each method picks the newer API when the running Spark has it, so nothing here asks for a
 * version number.
 */
public final class SparkCompat {
  // Spark 4.0+ only; 3.5 has plain cancelJobGroup, which leaves later jobs of the group running.
  private static final Method CANCEL_FUTURE = method(SparkContext.class, "cancelJobGroupAndFutureJobs",
      String.class, String.class);
  private static final Map<SparkContext, FutureJobCanceller> CANCELLERS = new WeakHashMap<>();

  private SparkCompat() {}

  /**
   * Cancels the running jobs of {@code group} and every job submitted under it later. Spark 4
   * does it itself; on 3.5 the group's running jobs are cancelled and a listener cancels each
   * later job of the group as it starts (within milliseconds: Spark's listener bus is async).
   */
  public static void cancelJobGroupAndFutureJobs(SparkContext sc, String group, String reason) {
    if (CANCEL_FUTURE != null) {
      invoke(CANCEL_FUTURE, sc, group, reason);
      return;
    }
    FutureJobCanceller canceller;
    synchronized (CANCELLERS) {
      canceller = CANCELLERS.computeIfAbsent(sc, c -> {
        FutureJobCanceller l = new FutureJobCanceller(c);
        c.addSparkListener(l);
        return l;
      });
    }
    canceller.groups.add(group);
    sc.cancelJobGroup(group);
  }

  /**
   * {@code column} cast to {@code sqlType}, null where the value does not parse, even under
   * ANSI mode (Spark 4's default). Column.try_cast is 4.0+; the SQL form works on every line.
   */
  public static Column tryCast(String column, String sqlType) {
    return functions.expr("try_cast(`" + column.replace("`", "``") + "` AS " + sqlType + ")");
  }

  /** True where Spark SQL has pipe syntax ({@code FROM t |> DROP c}): Spark 4.0 and later. */
  public static boolean hasSqlPipeSyntax() {
    return Integer.parseInt(org.apache.spark.package$.MODULE$.SPARK_VERSION().split("\\.")[0]) >= 4;
  }

  /** The error condition (3.5: "error class") of a Spark error, or null. */
  @SuppressWarnings("deprecation")   // getCondition is 4.0+; getErrorClass returns it there too
  public static String condition(SparkThrowable t) {
    return t.getErrorClass();
  }

  private static final class FutureJobCanceller extends SparkListener {
    private final SparkContext sc;
    private final Set<String> groups = ConcurrentHashMap.newKeySet();

    FutureJobCanceller(SparkContext sc) {
      this.sc = sc;
    }

    @Override
    public void onJobStart(SparkListenerJobStart start) {
      String group = start.properties() == null ? null : start.properties().getProperty("spark.jobGroup.id");
      if (group != null && groups.contains(group)) {
        sc.cancelJob(start.jobId(), "job group " + group + " was cancelled");
      }
    }
  }

  private static Method method(Class<?> owner, String name, Class<?>... params) {
    try {
      return owner.getMethod(name, params);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static void invoke(Method m, Object target, Object... args) {
    try {
      m.invoke(target, args);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) throw r;
      if (cause instanceof Error err) throw err;
      throw new IllegalStateException(cause);
    }
  }
}
