package dev.sparktune.store.hadoop;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** What the journal and the results folder both do with a Hadoop FileSystem. */
public final class HadoopFiles {
  private HadoopFiles() {}

  /** The FileSystem of {@code p}: the local one when {@code p} has no scheme. */
  public static FileSystem of(Path p, Configuration conf) throws IOException {
    URI uri = p.toUri();
    return uri.getScheme() == null ? FileSystem.getLocal(conf) : FileSystem.get(uri, conf);
  }

  /** Writes {@code content} to {@code tmp}, then renames it onto {@code target}, replacing it. */
  public static void writeAndRename(FileSystem fs, Path tmp, Path target, String content) throws IOException {
    try (OutputStream out = fs.create(tmp, true)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
    // Hadoop's rename does not replace an existing file on every FileSystem.
    if (fs.exists(target)) fs.delete(target, false);
    if (!fs.rename(tmp, target)) throw new IOException("rename " + tmp + " -> " + target + " failed");
  }
}
