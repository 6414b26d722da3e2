package dev.sparktune.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a tuning file and what it includes, refusing an {@code include} of a file that does not
 * exist: Typesafe Config skips a missing include silently, so a typo in a shared settings file's
 * name would run the study on defaults. A file that may be missing is written
 * {@code include optional("local.conf")}; {@code required(...)} is accepted as Typesafe Config
 * has it. Relative names are read from the including file's folder.
 *
 * <p>Typesafe Config does not know {@code optional(...)}, so a file that uses it is parsed from
 * its text with {@code optional(} and its closing parenthesis taken out, line for line, so that
 * every origin keeps its file and line.
 */
final class Includes implements ConfigIncluder, ConfigIncluderFile {
  private static final String TARGET = "((?:file|classpath|url)\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*\\)|\"((?:[^\"\\\\]|\\\\.)*)\")";
  private static final Pattern OPTIONAL = Pattern.compile("\\binclude(\\s+)optional\\(\\s*" + TARGET + "\\s*\\)");
  private static final Pattern INCLUDE = Pattern.compile("\\binclude\\s+(?:required\\(\\s*|optional\\(\\s*)?" + TARGET);
  private static final int MAX_DEPTH = 20;

  private final Path file;
  private final List<String> lines;
  private final Set<String> optional;
  private final int depth;

  private Includes(Path file, String text, Set<String> optional, int depth) {
    this.file = file;
    this.lines = text.lines().toList();
    this.optional = optional;
    this.depth = depth;
  }

  /** @throws ConfigError naming the file and line of an include whose file does not exist */
  static Config parse(Path file) {
    return parse(file, 0);
  }

  private static Config parse(Path file, int depth) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!INCLUDE.matcher(text).find()) {
      return ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    }
    Set<String> optional = new HashSet<>();
    Matcher m = OPTIONAL.matcher(text);
    StringBuilder plain = new StringBuilder();
    while (m.find()) {
      optional.add(m.group(3) != null ? m.group(3) : m.group(4));
      m.appendReplacement(plain, Matcher.quoteReplacement("include" + m.group(1) + m.group(2)));
    }
    m.appendTail(plain);
    ConfigParseOptions options = ConfigParseOptions.defaults().setAllowMissing(false)
        .setIncluder(new Includes(file, text, optional, depth)).setOriginDescription(file.toString());
    return ConfigFactory.parseReader(new StringReader(plain.toString()), options);
  }

  @Override
  public ConfigIncluder withFallback(ConfigIncluder fallback) {
    return this;
  }

  /** {@code include "name"}: relative to the including file; without an extension, .conf, .json and .properties. */
  @Override
  public ConfigObject include(ConfigIncludeContext context, String what) {
    Path target = Path.of(what);
    if (!target.isAbsolute() && file.getParent() != null) target = file.getParent().resolve(target);
    String name = target.getFileName().toString();
    List<Path> candidates = name.endsWith(".conf") || name.endsWith(".json") || name.endsWith(".properties")
        ? List.of(target)
        : List.of(target.resolveSibling(name + ".conf"), target.resolveSibling(name + ".json"),
            target.resolveSibling(name + ".properties"));
    Config merged = ConfigFactory.empty();
    for (Path p : candidates) {
      if (Files.isRegularFile(p)) merged = merged.withFallback(read(p));
    }
    if (merged.isEmpty() && candidates.stream().noneMatch(Files::isRegularFile)) missing(context, what, target);
    return merged.root();
  }

  /** {@code include file("path")}: as Typesafe Config reads it, relative to the working directory. */
  @Override
  public ConfigObject includeFile(ConfigIncludeContext context, File f) {
    if (!f.isFile()) {
      missing(context, f.getPath(), f.toPath());
      return ConfigFactory.empty().root();
    }
    return read(f.toPath()).root();
  }

  private Config read(Path p) {
    if (depth >= MAX_DEPTH) {
      throw new ConfigError(file + ": include \"" + Echo.of(p.toString()) + "\": includes nested more than "
          + MAX_DEPTH + " deep; expected no include cycle");
    }
    return p.toString().endsWith(".conf") ? parse(p, depth + 1) : ConfigFactory.parseFile(p.toFile());
  }

  private void missing(ConfigIncludeContext context, String what, Path resolved) {
    boolean required = !context.parseOptions().getAllowMissing();
    if (!required && optional.contains(what)) return;
    throw new ConfigError(file + ":" + lineOf(what) + ": include \"" + Echo.of(what) + "\": no such file ("
        + Echo.of(resolved.toString()) + "); expected an existing file, or write include optional(\"" + Echo.of(what)
        + "\") if it may be missing");
  }

  private int lineOf(String what) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("include") && lines.get(i).contains("\"" + what + "\"")) return i + 1;
    }
    return 1;
  }
}
