package dev.sparktune.engine;

import dev.sparktune.config.ConfigError;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The output folder on any Hadoop FileSystem (local, HDFS, S3A, ABFS...). Files are written to a
 * temporary name and renamed, so a reader — or a crash — never sees half a trials.csv.
 */
public final class ResultsDir {
  private final FileSystem fs;
  private final Path dir;

  /**
   * @param dir {@code sparktune.output.dir}, or the new sibling that {@code resume = never} chose
   * @throws ConfigError naming {@code sparktune.output.dir} if the directory cannot be created
   */
  public ResultsDir(String dir, Configuration conf) {
    try {
      Path p = new Path(dir);
      URI uri = p.toUri();
      this.fs = uri.getScheme() == null ? FileSystem.getLocal(conf) : FileSystem.get(uri, conf);
      this.dir = fs.makeQualified(p);
      // Some FileSystems report failure by returning false rather than throwing.
      if (!fs.mkdirs(this.dir)) throw new IOException("mkdirs failed");
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigError("sparktune.output.dir: cannot create '" + dir + "' ("
          + String.valueOf(e.getMessage()).strip().replaceAll("\\s*[\\r\\n]+\\s*", " ")
          + "); expected a writable directory", e);
    }
  }

  /** Fully qualified path of {@code name} inside the folder, e.g. for the saved model. */
  public String resolve(String name) {
    return new Path(dir, name).toString();
  }

  public String location() {
    return dir.toString();
  }

  public synchronized void write(String name, String content) {
    Path target = new Path(dir, name);
    Path tmp = new Path(dir, "." + name + ".tmp");
    try {
      try (OutputStream out = fs.create(tmp, true)) {
        out.write(content.getBytes(StandardCharsets.UTF_8));
      }
      // Hadoop's rename does not replace an existing file on every FileSystem.
      if (fs.exists(target)) fs.delete(target, false);
      if (!fs.rename(tmp, target)) throw new IOException("rename " + tmp + " -> " + target + " failed");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }
}
