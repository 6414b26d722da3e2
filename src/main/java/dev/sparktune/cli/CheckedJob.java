package dev.sparktune.cli;

import dev.sparktune.config.ConfigError;
import dev.sparktune.config.Settings;
import dev.sparktune.config.SettingsLoader;
import dev.sparktune.mllib.BuiltEstimator;
import dev.sparktune.mllib.EstimatorCatalog;
import dev.sparktune.mllib.Metric;
import dev.sparktune.sampler.Sampler;
import dev.sparktune.sampler.Samplers;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Everything that can be checked before Spark starts: the settings, the sampler against the
 * space, the estimator's params and metric, and that the input exists. A mistake anywhere here is
 * a {@link ConfigError} — a user should never wait for a Spark session to learn of a typo.
 */
record CheckedJob(Settings settings, Sampler sampler, BuiltEstimator estimator, boolean verbose) {

  static CheckedJob prepare(Args args) {
    Settings s = SettingsLoader.load(args.conf(), args.overrides());
    Sampler sampler;
    try {
      var own = s.search().samplers();
      Samplers.Options options = new Samplers.Options(s.search().seed(), s.search().gridPoints())
          .withTpe(own.tpe()).withGp(own.gp()).withEvolution(own.evolution(), own.cmaes())
          .withPlannedTrials(s.search().trials(), System.out::println);   // auto says what it chose and why
      sampler = Samplers.create(s.search().sampler(), options, s.space());
    } catch (IllegalArgumentException e) {
      throw new ConfigError(e.getMessage());
    }
    BuiltEstimator estimator = EstimatorCatalog.check(s.model(), s.space(), s.metric(),
        s.schedule().scheduler().ladder().top());
    if (s.objectives().beyondOneScore()) sampler = withGoals(s, estimator);
    checkInput(s.data().path(), s.data().format());
    checkOutput(s.output().dir());
    return new CheckedJob(s, sampler, estimator, args.verbose());
  }

  /**
   * The sampler again, told the study's objectives and constraints (nsga2 needs them, tpe becomes
   * MOTPE, gp, cmaes and evolution learn from the constraints). The evaluator metric's direction is the evaluator's, hence after the estimator check;
   * a binary metric on multiclass data is refused later, once the data is read.
   */
  private static Sampler withGoals(Settings s, BuiltEstimator estimator) {
    Metric metric = Metric.resolve(s.metric(), estimator, 2);
    var own = s.search().samplers();
    Samplers.Options options = new Samplers.Options(s.search().seed(), s.search().gridPoints())
        .withTpe(own.tpe()).withGp(own.gp()).withEvolution(own.evolution(), own.cmaes())
        .withPlannedTrials(s.search().trials(), m -> {})
        .withGoals(s.objectives().goals(metric.name(), metric.direction()), own.nsga2());
    try {
      return Samplers.create(s.search().sampler(), options, s.space());
    } catch (IllegalArgumentException e) {
      throw new ConfigError(e.getMessage());
    }
  }

  private static void checkInput(String path, String format) {
    FileStatus[] found;
    FileSystem fs;
    try {
      Path p = new Path(path);
      fs = fileSystem(p);
      found = fs.globStatus(p);
    } catch (IOException | RuntimeException e) {
      // No client for this scheme outside the cluster's configuration: let Spark try, and report then.
      return;
    }
    if (found == null || found.length == 0) {
      throw new ConfigError("sparktune.data.path: no file or directory at '" + path + "'");
    }
    for (FileStatus f : found) {
      if (bytes(fs, f) != 0) return;
    }
    // Spark would fail on it with an error about its own internals (libsvm: "empty collection").
    throw new ConfigError("sparktune.data.path: '" + path + "' is empty (0 bytes); expected rows of " + format + " data");
  }

  /** Size of a file or a directory tree; -1 (not known to be empty) if it cannot be asked. */
  private static long bytes(FileSystem fs, FileStatus f) {
    try {
      return f.isDirectory() ? fs.getContentSummary(f.getPath()).getLength() : f.getLen();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * The output directory, or the first of its ancestors that exists, must be a directory. Found
   * here, before Spark starts; a directory that exists but refuses writes is found by the lock,
   * the first write (cli/Resume).
   */
  private static void checkOutput(String dir) {
    try {
      Path p = new Path(dir);
      FileSystem fs = fileSystem(p);
      for (Path at = p; at != null; at = at.getParent()) {
        if (!fs.exists(at)) continue;
        if (!fs.getFileStatus(at).isDirectory()) {
          throw new ConfigError("sparktune.output.dir: expected a writable directory, got '" + dir + "'"
              + (at.equals(p) ? ", which is a file" : " under " + at + ", which is a file"));
        }
        return;
      }
    } catch (IOException | IllegalArgumentException | UnsupportedOperationException e) {
      // As for the input: a scheme without a client here is for the cluster to resolve.
    }
  }

  private static FileSystem fileSystem(Path p) throws IOException {
    Configuration conf = new Configuration();
    return p.toUri().getScheme() == null ? FileSystem.getLocal(conf) : p.getFileSystem(conf);
  }
}
