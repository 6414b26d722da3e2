package dev.sparktune.cli;

import dev.sparktune.config.ConfigError;
import dev.sparktune.config.Settings;
import dev.sparktune.config.SettingsLoader;
import dev.sparktune.mllib.BuiltEstimator;
import dev.sparktune.mllib.EstimatorCatalog;
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
record Plan(Settings settings, Sampler sampler, BuiltEstimator estimator, boolean verbose) {

  static Plan prepare(Args args) {
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
    BuiltEstimator estimator = EstimatorCatalog.check(s.model(), s.space(), s.metric());
    checkInputExists(s.data().path());
    return new Plan(s, sampler, estimator, args.verbose());
  }

  private static void checkInputExists(String path) {
    FileStatus[] found;
    try {
      Path p = new Path(path);
      FileSystem fs = p.toUri().getScheme() == null ? FileSystem.getLocal(new Configuration()) : p.getFileSystem(new Configuration());
      found = fs.globStatus(p);
    } catch (IOException | RuntimeException e) {
      // No client for this scheme outside the cluster's configuration: let Spark try, and report then.
      return;
    }
    if (found == null || found.length == 0) {
      throw new ConfigError("sparktune.data.path: no file or directory at '" + path + "'");
    }
  }
}
