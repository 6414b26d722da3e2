package dev.sparktune.cli;

import dev.sparktune.config.ConfigError;
import dev.sparktune.engine.BuildLine;
import dev.sparktune.store.Lease;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * The spark-submit entry point: {@code submit/tune conf/examples/quickstart.conf [key=value ...]}.
 * Exit codes, for schedulers (cron, Airflow) to act on: 0 done; 1 failed at run time (results so
 * far are kept; running again resumes); 2 bad configuration or input, or an output directory that
 * holds a different study — one line naming the key; 3 no trial succeeded (the distinct errors
 * are listed); 4 stopped by the time limit, partial results written; 5 another driver holds the
 * output directory's lock. A jar built for another Spark or Scala line than the running one is
 * a configuration error too (exit 2).
 */
public final class Main {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int BAD_CONFIG = 2;
  static final int NO_TRIAL_SUCCEEDED = 3;
  static final int TIME_LIMIT = 4;
  static final int LOCKED = 5;

  private Main() {}

  public static void main(String[] argv) {
    int code = run(argv, System.out, System.err);
    // Non-daemon threads of Spark (and of user code in custom estimators) must not keep the JVM up.
    System.exit(code);
  }

  /** Runs one tuning job and returns the exit code; never calls System.exit, so tests can call it. */
  public static int run(String[] argv, PrintStream out, PrintStream err) {
    boolean verbose = Arrays.asList(argv).contains("--verbose") || Arrays.asList(argv).contains("-v");
    try {
      Args args = Args.parse(argv);
      if (args.help()) {
        out.print(Args.USAGE);
        return OK;
      }
      // Before the conf is read or anything written: a jar for another Spark/Scala line would
      // otherwise fail mid-study with a NoSuchMethodError.
      Optional<String> mismatch = BuildLine.checkRunningSpark();
      if (mismatch.isPresent()) {
        err.println("sparktune: " + mismatch.get());
        return BAD_CONFIG;
      }
      Plan plan = Plan.prepare(args);
      return new TuningJob(plan, out, System.console() != null).run();
    } catch (Lease.Held e) {
      err.println("sparktune: " + e.getMessage());
      return LOCKED;
    } catch (ConfigError e) {
      err.println("sparktune: " + e.getMessage());
      if (verbose) e.printStackTrace(err);
      return BAD_CONFIG;
    } catch (Exception | Error e) {
      // Exception, not RuntimeException: Spark's Scala code throws the checked SparkException undeclared.
      err.println("sparktune: failed: " + oneLine(e) + (verbose ? "" : " (--verbose shows the stack trace)"));
      if (verbose) e.printStackTrace(err);
      return FAILED;
    }
  }

  static String oneLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String msg = root.getMessage() == null ? "" : root.getMessage().strip().lines().findFirst().orElse("");
    return root.getClass().getSimpleName() + (msg.isEmpty() ? "" : ": " + msg);
  }
}
