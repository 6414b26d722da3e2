package dev.sparktune.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import dev.sparktune.space.SearchSpace;
import java.util.Optional;

/**
 * The settings a tuner used from code reads ({@code dev.sparktune.ml.SparkTune}): the CLI's
 * {@code search}, {@code schedule} and {@code space} blocks, written as in a tuning file without
 * the {@code sparktune} root, over the same {@code reference.conf} and through the same readers,
 * so every key, default and error message is the CLI's. Data, model, metric and folds come from
 * the code (the DataFrame, the estimator, the evaluator, {@code numFolds}), so those keys are
 * refused here.
 *
 * @param space the {@code space} block, if given (a grid of ParamMaps needs none)
 */
public record CodeSettings(Settings.Search search, Settings.Schedule schedule, Optional<SearchSpace> space) {
  private static final java.util.List<String> FROM_CODE = java.util.List.of("data", "model", "metric", "cv",
      "name", "output", "resume", "warm-start");

  /**
   * @param hocon e.g. {@code "search { sampler = tpe, trials = 40 }"}; "" for the defaults
   * @param folds the number of folds (a {@code folds} budget may not exceed it)
   * @throws ConfigError one line naming every bad key, as the CLI reports it
   */
  public static CodeSettings parse(String hocon, int folds) {
    Config user;
    try {
      user = ConfigFactory.parseString(hocon == null ? "" : hocon,
          ConfigParseOptions.defaults().setOriginDescription("settings"));
    } catch (ConfigException e) {
      throw Errors.from(e, "cannot parse the settings");
    }
    Problems problems = new Problems();
    for (String key : FROM_CODE) {
      if (user.hasPath(key)) {
        problems.add(user.getValue(key).origin(), "sparktune." + key, "not a setting from code: the DataFrame, "
            + "estimator, evaluator and the tuner's own params (numFolds, seed, outputDir) say it");
      }
    }
    Config reference = ConfigFactory.defaultReferenceUnresolved(CodeSettings.class.getClassLoader());
    Config known = reference.resolve(ConfigResolveOptions.defaults().setAllowUnresolved(true));
    Config rooted = user.atKey(KeyCheck.ROOT);
    Config config;
    try {
      config = rooted.withFallback(reference).resolve();
    } catch (ConfigException e) {
      throw Errors.from(e, "cannot resolve substitution");
    }
    KeyCheck.check(config.root(), known.root(), rooted.root(), problems);
    ValueReader r = new ValueReader(config, problems);
    Settings.Search search = SettingsReader.search(r);
    Settings.Schedule schedule = ScheduleReader.read(r, folds);
    Optional<SearchSpace> space = user.hasPath("space") ? Optional.of(SpaceReader.read(config, problems)) : Optional.empty();
    problems.throwIfAny();
    return new CodeSettings(search, schedule, space);
  }
}
