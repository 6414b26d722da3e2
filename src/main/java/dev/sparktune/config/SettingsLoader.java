package dev.sparktune.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigResolveOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Loads the settings of one tuning job: command-line overrides over the tuning file over
 * reference.conf, resolved once (so {@code ${?DATA_PATH}} reads the environment and
 * {@code ${sparktune.name}} in a default sees the user's name), then checked as a whole.
 *
 * <p>Every problem is collected and reported in one {@link ConfigError} whose message is a single
 * line, origin first: {@code conf/x.conf:7: sparktune.search.trails: unknown key; did you mean
 * 'trials'?}. Java system properties are deliberately not a layer: build tools set
 * {@code sparktune.*} properties of their own, and overrides belong on the command line.
 */
public final class SettingsLoader {
  private static final ConfigRenderOptions RENDER =
      ConfigRenderOptions.defaults().setComments(false).setOriginComments(false).setFormatted(true).setJson(false);

  private SettingsLoader() {}

  /**
   * @param file the tuning file (HOCON); empty = defaults and overrides only
   * @param overrides {@code key=value} strings as given on the command line, later ones winning;
   *     values are HOCON ({@code sparktune.space.impurity=[gini, entropy]}), and a value that is
   *     not valid unquoted HOCON, such as {@code hdfs://nn:8020/out}, is taken as a plain string
   * @throws ConfigError if the file is missing or does not parse, an override does not parse, a
   *     substitution cannot be resolved, or any value is invalid (all problems in one line)
   */
  public static Settings load(Optional<Path> file, List<String> overrides) {
    Config reference = ConfigFactory.defaultReferenceUnresolved(SettingsLoader.class.getClassLoader());
    Config fileLayer = file.map(SettingsLoader::parseFile).orElse(ConfigFactory.empty());
    Config knownKeys = reference.resolve(ConfigResolveOptions.defaults().setAllowUnresolved(true));
    Overrides.checkLanding(overrides, fileLayer, knownKeys);
    Config user = Overrides.parse(overrides).withFallback(fileLayer);
    Config config;
    try {
      // Resolve after merging, not reference.conf on its own (as defaultReference() would), so
      // output.dir = "target/sparktune/"${sparktune.name} follows the user's name.
      config = user.withFallback(reference).resolve(ConfigResolveOptions.defaults());
    } catch (ConfigException.UnresolvedSubstitution e) {
      throw Errors.unresolved(e);
    } catch (ConfigException e) {
      throw Errors.from(e, "cannot resolve substitution");
    }
    Problems problems = new Problems();
    KeyCheck.check(config.root(), knownKeys.root(), user.root(), problems);
    String resolved = config.hasPath(KeyCheck.ROOT)
        ? config.withOnlyPath(KeyCheck.ROOT).root().render(RENDER) : "";
    return SettingsReader.read(config, resolved, problems);
  }

  private static Config parseFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigError(file + ": expected a readable HOCON tuning file, got "
          + (Files.exists(file) ? "a directory or special file" : "no such file"));
    }
    try {
      // An include of a missing file is an error unless written include optional(...).
      return Includes.parse(file);
    } catch (ConfigException e) {
      throw Errors.from(e, "cannot parse");
    }
  }
}
