package dev.sparktune.cli;

import dev.sparktune.config.ConfigError;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * A tuning file named by a Hadoop FileSystem URI ({@code hdfs:///jobs/nightly.conf}, {@code
 * s3a://bucket/nightly.conf}): read once into a local copy that the settings loader parses, and
 * named by its URI again in every message. A nightly job's conf can so live beside its data, and a
 * cluster-mode driver reads it wherever it runs. The copy keeps the file's name in a folder of its
 * own; an {@code include} in it is looked up there, so a remote conf includes only with
 * {@code include optional(...)} or an absolute {@code url(...)}.
 */
final class RemoteConf {
  private static final Pattern URI = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:/.*");

  /** The arguments with the remote conf (if any) replaced by its local copy. */
  record Localized(String[] argv, String copy, String uri) {
    /** {@code message} with the local copy named by the URI the user gave. */
    String describe(String message) {
      return copy == null || message == null ? message : message.replace(copy, uri);
    }
  }

  private RemoteConf() {}

  /**
   * @throws ConfigError naming the URI when it cannot be read (no such file, no FileSystem for its
   *     scheme, unreachable)
   */
  static Localized localize(String[] argv, Configuration conf) {
    for (int i = 0; i < argv.length; i++) {
      String a = argv[i];
      if (a.startsWith("-") || a.contains("=")) continue;
      // The first plain argument is the conf (Args): only a URI of another scheme than file: is fetched.
      if (!URI.matcher(a).matches() || a.startsWith("file:")) return new Localized(argv, null, null);
      Path copy = fetch(a, conf);
      String[] local = argv.clone();
      local[i] = copy.toString();
      return new Localized(local, copy.toString(), a);
    }
    return new Localized(argv, null, null);
  }

  private static Path fetch(String uri, Configuration conf) {
    try {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(uri);
      FileSystem fs = p.getFileSystem(conf);
      if (!fs.getFileStatus(p).isFile()) {
        throw new ConfigError(uri + ": expected a readable HOCON tuning file, got a directory");
      }
      Path dir = Files.createTempDirectory("sparktune-conf");
      dir.toFile().deleteOnExit();
      Path copy = dir.resolve(p.getName().isEmpty() ? "sparktune.conf" : p.getName());
      try (InputStream in = fs.open(p)) {
        Files.copy(in, copy);
      }
      copy.toFile().deleteOnExit();
      return copy;
    } catch (FileNotFoundException e) {
      throw new ConfigError(uri + ": expected a readable HOCON tuning file, got no such file");
    } catch (IOException | RuntimeException e) {
      if (e instanceof ConfigError c) throw c;
      throw new ConfigError(uri + ": cannot read the tuning file (" + Main.oneLine(e) + ")", e);
    }
  }
}
