package dev.sparktune.cli;

import dev.sparktune.config.ConfigError;
import dev.sparktune.config.Settings;
import dev.sparktune.mllib.BuiltEstimator;
import dev.sparktune.mllib.Metric;
import dev.sparktune.sampler.Sampler;
import dev.sparktune.sampler.evolution.CmaEsSampler;
import dev.sparktune.sampler.evolution.EvolutionSampler;
import dev.sparktune.sampler.gp.GpSampler;
import dev.sparktune.sampler.tpe.TpeSampler;
import dev.sparktune.store.Journal;
import dev.sparktune.store.JournalTrialStore;
import dev.sparktune.store.StudyFingerprint;
import dev.sparktune.store.hadoop.HadoopJournalBackend;
import dev.sparktune.study.Prior;
import dev.sparktune.study.PriorSampler;
import dev.sparktune.study.PriorSelection;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.Trial;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * {@code sparktune.warm-start} at the edge: reads the earlier study's journal from any Hadoop
 * FileSystem, read-only, before this run writes anything, and turns it into the {@link Prior} the
 * study's sampler starts from ({@link PriorSampler}). Read again on every run, so a resumed study
 * rebuilds the same prior instead of trusting state that died with the driver.
 */
final class WarmStart {
  private static final String KEY = "sparktune.warm-start.from";

  /** The earlier study: where its journal is, its trials, and what they were measured on. */
  private record Earlier(String from, List<Trial> trials, Optional<StudyFingerprint> study) {}

  private final Optional<Earlier> earlier;

  private WarmStart(Optional<Earlier> earlier) {
    this.earlier = earlier;
  }

  /**
   * @throws ConfigError naming {@code sparktune.warm-start.from} and the path if the journal is
   *     missing or cannot be read, or is this study's own
   */
  static WarmStart read(Settings s, Configuration conf, PrintStream out) {
    Optional<String> from = s.warmStart().from();
    if (from.isEmpty()) return new WarmStart(Optional.empty());
    String journal = Resume.journal(from.get());
    try {
      if (isOwnOutput(from.get(), s.output().dir(), conf)) {
        throw new ConfigError(KEY + ": expected an earlier study's output directory, got this study's own output.dir '"
            + from.get() + "'");
      }
      JournalTrialStore store = JournalTrialStore.open(new Journal(new HadoopJournalBackend(journal, conf),
          Resume.COMPACT_ABOVE, w -> out.println("sparktune: warm start: " + w), () -> false));
      if (store.study().isEmpty() && store.trials().isEmpty()) {
        throw new ConfigError(KEY + ": no study journal at '" + journal + "' (expected the output.dir of an earlier "
            + "sparktune run)");
      }
      return new WarmStart(Optional.of(new Earlier(from.get(), store.trials(), store.study())));
    } catch (ConfigError e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ConfigError(KEY + ": cannot read the study journal at '" + journal + "': " + Main.oneLine(e), e);
    }
  }

  /**
   * The sampler this study asks: {@code sampler} itself when warm start is off, else one that
   * proposes the earlier best configurations first and, for a sampler that learns from results
   * measured in the same metric, shows it the earlier results too.
   *
   * @param direction this study's direction, from its evaluator
   */
  Sampler sampler(Sampler sampler, Settings s, BuiltEstimator estimator, Direction direction, PrintStream out) {
    if (earlier.isEmpty()) return sampler;
    Earlier e = earlier.get();
    String was = e.study().map(StudyFingerprint::metric).orElse(s.metric()).strip();
    boolean sameMetric = was.equalsIgnoreCase(s.metric().strip());
    Prior prior = PriorSelection.select(e.trials(), sameMetric ? direction : directionOf(was, estimator), s.space(),
        s.warmStart().topK());
    out.println("warm start from " + e.from() + ": " + prior.summary());
    String name = s.search().sampler();
    if (!sameMetric) {
      out.println("warm start: the earlier study measured " + shown(was) + ", this one " + shown(s.metric())
          + ": its scores choose the configurations to re-check, the " + name + " sampler does not learn from them");
      prior = prior.withoutObservations();
    } else if (!learnsFromResults(sampler)) {
      out.println("warm start: the " + name + " sampler does not learn from results; only the earlier best "
          + "configurations are used");
      prior = prior.withoutObservations();
    } else {
      out.println("warm start: the " + name + " sampler also learns from the " + prior.observations().size()
          + " earlier results that fit the space, each until this study evaluates its configuration");
    }
    return new PriorSampler(sampler, prior);
  }

  /** Samplers that read the scores in the history; grid, random and sobol only avoid or count points. */
  private static boolean learnsFromResults(Sampler s) {
    return s instanceof TpeSampler || s instanceof GpSampler || s instanceof EvolutionSampler || s instanceof CmaEsSampler;
  }

  /** Which way the earlier study's metric points, as MLlib's evaluator says. */
  private static Direction directionOf(String metric, BuiltEstimator estimator) {
    try {
      // Two classes: a blank metric then means areaUnderROC, which points the same way as f1.
      return Metric.resolve(metric, estimator, 2).direction();
    } catch (ConfigError e) {
      throw new ConfigError(KEY + ": the earlier study's metric " + shown(metric) + " does not apply to "
          + estimator.name(), e);
    }
  }

  private static String shown(String metric) {
    return metric.isBlank() ? "the evaluator's default metric" : "'" + metric + "'";
  }

  /** Compared qualified, so a relative and an absolute spelling of one directory are caught too. */
  private static boolean isOwnOutput(String from, String output, Configuration conf) {
    try {
      return location(from, conf).equals(location(output, conf));
    } catch (RuntimeException e) {
      // Either FileSystem failing is reported where it is used: from's below, output's by Resume.
      return false;
    }
  }

  private static String location(String dir, Configuration conf) {
    return new HadoopJournalBackend(dir, conf).location().replaceAll("/+$", "");
  }
}
