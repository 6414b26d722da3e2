package dev.sparktune.cli;

import dev.sparktune.config.ConfigError;
import dev.sparktune.config.Echo;
import dev.sparktune.engine.BuildLine;
import dev.sparktune.store.JournalDamaged;
import dev.sparktune.store.Lease;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * The spark-submit entry point: {@code submit/tune conf/examples/quickstart.conf [key=value ...]}.
 * Exit codes, for schedulers (cron, Airflow) to act on: 0 done; 1 failed at run time (results so
 * far are kept; running again resumes); 2 bad configuration or input, or an output directory that
 * holds a different study — one line naming the key; 3 no trial succeeded (the distinct errors
 * are listed); 4 stopped by the time limit, partial results written (or none, if it ran out before
 * any trial finished); 5 another driver holds the output directory's lock; 6 the study's journal
 * is damaged (a bad line, a missing or truncated segment): a retry fails the same way, so a person
 * must look, and {@code sparktune.resume = recover} continues from the intact events in a new
 * directory; 143, 130, 129 stopped by SIGTERM, SIGINT (Ctrl-C), SIGHUP or the death of its launcher
 * ({@code submit/tune}): running trials recorded CANCELLED (a rerun continues them), trials.csv and
 * best.json written, no refit, the lock released (see {@link Stopping}; a second signal exits at
 * once). A jar built for another Spark or Scala line than the running one is a configuration
 * error too (exit 2).
 */
public final class Main {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int BAD_CONFIG = 2;
  static final int NO_TRIAL_SUCCEEDED = 3;
  static final int TIME_LIMIT = 4;
  static final int LOCKED = 5;
  static final int DAMAGED = 6;

  private Main() {}

  public static void main(String[] argv) {
    // In YARN cluster mode the outcome is also recorded for submit/tune, which spark-submit cannot tell.
    int code = DriverOutcome.run(argv, (out, err) -> run(argv, out, err, Stopping.install(System.err)));
    // There the application master runs main in a thread and exits the JVM itself; an early
    // System.exit, even exit(0), counts as a failed attempt that YARN would run again.
    if (code == OK && DriverOutcome.inYarnCluster()) return;
    // Non-daemon threads of Spark (and of user code in custom estimators) must not keep the JVM up.
    System.exit(code);
  }

  /** Runs one tuning job and returns the exit code; never calls System.exit, so tests can call it. */
  public static int run(String[] argv, PrintStream out, PrintStream err) {
    return run(argv, out, err, new Stopping(err));
  }

  /** {@link #run(String[], PrintStream, PrintStream)}, stopped cleanly through {@code stopping}. */
  static int run(String[] argv, PrintStream out, PrintStream err, Stopping stopping) {
    boolean verbose = Arrays.asList(argv).contains("--verbose") || Arrays.asList(argv).contains("-v");
    RemoteConf.Localized local = new RemoteConf.Localized(argv, null, null);
    try {
      // A conf on a Hadoop FileSystem (hdfs:///jobs/nightly.conf) is read here, named by its URI in errors.
      local = RemoteConf.localize(argv, new Configuration());
      Args args = Args.parse(local.argv());
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
      CheckedJob checked = CheckedJob.prepare(args);
      return new TuningJob(checked, out, System.console() != null, stopping).run();
    } catch (Lease.Held e) {
      err.println("sparktune: " + Echo.line(e.getMessage()));
      return LOCKED;
    } catch (JournalDamaged e) {
      err.println("sparktune: " + Echo.line(e.getMessage()) + "; " + intact(e.intact())
          + ". A person must look (a rerun fails the same way); to continue from the intact events in a new "
          + "directory, set sparktune.resume = recover");
      if (verbose) e.printStackTrace(err);
      return DAMAGED;
    } catch (ConfigError e) {
      err.println("sparktune: " + Echo.line(local.describe(e.getMessage())));
      if (verbose) e.printStackTrace(err);
      return BAD_CONFIG;
    } catch (Exception | Error e) {
      // Exception, not RuntimeException: Spark's Scala code throws the checked SparkException undeclared.
      if (stopping.requested().isPresent()) {
        // Most likely its own cancel of the data's loading and caching, before any trial ran.
        err.println("sparktune: " + stopping.requested().get().cause() + ": stopped (" + oneLine(e) + ")");
        return stopping.requested().get().exitCode();
      }
      err.println("sparktune: failed: " + Echo.line(oneLine(e)) + (verbose ? "" : " (--verbose shows the stack trace)"));
      if (verbose) e.printStackTrace(err);
      return FAILED;
    }
  }

  private static String intact(int events) {
    return events == 0 ? "no event before it is intact" : events == 1 ? "event 0 before it is intact"
        : "events 0\u2013" + (events - 1) + " before it are intact";
  }

  static String oneLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String msg = root.getMessage() == null ? "" : root.getMessage().strip().lines().findFirst().orElse("");
    return root.getClass().getSimpleName() + (msg.isEmpty() ? "" : ": " + msg);
  }
}
