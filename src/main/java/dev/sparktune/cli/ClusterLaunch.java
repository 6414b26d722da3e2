package dev.sparktune.cli;

import dev.sparktune.config.ConfigError;
import dev.sparktune.config.Echo;
import dev.sparktune.config.Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * What {@code submit/tune} runs on the launching host around a cluster-mode submission, where the
 * driver runs in a container on another host:
 *
 * <ul>
 *   <li>{@code prepare <out-file> <conf> [key=value ...]}: checks the job exactly as the driver
 *       would before Spark starts (so a bad key is reported here, in one line, exit 2, and never
 *       becomes a cluster application), then writes the fully resolved configuration — includes
 *       read, overrides applied, {@code ${?VAR}} substituted from this host's environment — to one
 *       file that spark-submit ships to the driver with {@code --files}.
 *   <li>{@code outcome <path> <spark-submit-exit-code>}: prints what the driver printed (its tail)
 *       and exits with the driver's exit code ({@link DriverOutcome}).
 * </ul>
 */
public final class ClusterLaunch {
  private ClusterLaunch() {}

  public static void main(String[] argv) {
    System.exit(run(argv, System.out, System.err));
  }

  static int run(String[] argv, PrintStream out, PrintStream err) {
    if (argv.length >= 2 && argv[0].equals("prepare")) return prepare(argv, out, err);
    if (argv.length == 3 && argv[0].equals("outcome")) return outcome(argv[1], argv[2], out, err);
    err.println("sparktune: usage: ClusterLaunch prepare <out-file> <conf> [key=value ...] | outcome <path> <exit-code>");
    return Main.BAD_CONFIG;
  }

  private static int prepare(String[] argv, PrintStream out, PrintStream err) {
    boolean verbose = Arrays.asList(argv).contains("--verbose");
    RemoteConf.Localized local = new RemoteConf.Localized(argv, null, null);
    try {
      local = RemoteConf.localize(Arrays.copyOfRange(argv, 2, argv.length), new Configuration());
      CheckedJob checked = CheckedJob.prepare(Args.parse(local.argv()));
      Settings s = checked.settings();
      onSharedFileSystem("sparktune.data.path", s.data().path());
      onSharedFileSystem("sparktune.output.dir", s.output().dir());
      s.warmStart().from().ifPresent(from -> onSharedFileSystem("sparktune.warm-start.from", from));
      Files.writeString(Path.of(argv[1]), checked.settings().resolved(), StandardCharsets.UTF_8);
      return Main.OK;
    } catch (ConfigError e) {
      err.println("sparktune: " + Echo.line(local.describe(e.getMessage())));
      if (verbose) e.printStackTrace(err);
      return Main.BAD_CONFIG;
    } catch (IOException | RuntimeException e) {
      err.println("sparktune: failed: " + Main.oneLine(e));
      return Main.FAILED;
    }
  }

  /**
   * In cluster mode the driver runs in a container on some node: a path without a scheme would be
   * read or written on that node's local disk (sparktune reads such paths as local files), and
   * results written there are gone with the container. {@code file:} stays allowed for a mount
   * that every node has.
   */
  private static void onSharedFileSystem(String key, String path) {
    if (!path.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")) {
      throw new ConfigError(key + ": '" + path + "' is a local path, but in cluster mode the driver runs on a cluster"
          + " node; expected a URI on a shared FileSystem, e.g. hdfs://" + (path.startsWith("/") ? "" : "/") + path
          + " (or file:" + path + " for a mount every node has)");
    }
  }

  private static int outcome(String where, String submitStatus, PrintStream out, PrintStream err) {
    Configuration conf = new Configuration();
    Optional<DriverOutcome.Record> record = DriverOutcome.read(where, conf);
    if (record.isEmpty()) {
      // The driver never got as far as recording (its container was lost, it ran out of memory, the
      // application was killed): all that is known is spark-submit's verdict.
      err.println("sparktune: the driver recorded no outcome (spark-submit exited with " + submitStatus
          + "); its log is in the application's YARN logs (yarn logs -applicationId ...)");
      return Main.FAILED;
    }
    DriverOutcome.Record r = record.get();
    out.print(r.out());
    out.flush();
    err.print(r.err());
    err.flush();
    DriverOutcome.delete(where, conf);
    return r.code();
  }
}
