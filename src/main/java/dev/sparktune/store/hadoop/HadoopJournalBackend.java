package dev.sparktune.store.hadoop;

import dev.sparktune.store.JournalBackend;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A {@link JournalBackend} on any Hadoop FileSystem (local, HDFS, S3A, ABFS, GCS): the only
 * class of the journal that touches {@code FileSystem}. Files are written whole under a hidden
 * temporary name and renamed into place, as {@code engine.ResultsDir} does, so a listing never
 * shows half a segment. Hidden names (a leading dot) are left out of {@link #list}, which also
 * hides temporaries a killed driver left behind.
 */
public final class HadoopJournalBackend implements JournalBackend {
  private final FileSystem fs;
  private final Path dir;
  // The directory on the local disk when the FileSystem is the local one, else null: reads,
  // writes and deletes then go through java.nio (see writeLocal), without building a Hadoop Path
  // (a URI parse and normalization) for every segment.
  private final java.nio.file.Path localDir;

  /** @param dir a FileSystem URI or a local path (no scheme = the local file system) */
  public HadoopJournalBackend(String dir, Configuration conf) {
    try {
      Path p = new Path(dir);
      FileSystem chosen = HadoopFiles.of(p, conf);
      // The local FileSystem's .crc side files would turn a record torn by a kill into a
      // ChecksumException for the whole segment; the journal finds torn records itself.
      this.fs = chosen instanceof LocalFileSystem local ? local.getRaw() : chosen;
      this.dir = fs.makeQualified(p);
      this.localDir = fs instanceof RawLocalFileSystem raw ? raw.pathToFile(this.dir).toPath() : null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + dir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<String> list() {
    List<String> names = new ArrayList<>();
    try {
      for (FileStatus st : fs.listStatus(dir)) {
        String name = st.getPath().getName();
        if (st.isFile() && !name.startsWith(".")) names.add(name);
      }
    } catch (FileNotFoundException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    return names;
  }

  @Override
  public Optional<String> read(String name) {
    if (localDir != null) {
      try {
        return Optional.of(Files.readString(localDir.resolve(name), StandardCharsets.UTF_8));
      } catch (java.nio.file.NoSuchFileException e) {
        return Optional.empty();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + localDir.resolve(name) + ": " + e.getMessage(), e);
      }
    }
    try (InputStream in = fs.open(new Path(dir, name))) {
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (FileNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + new Path(dir, name) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void write(String name, String content) {
    if (localDir != null) {
      writeLocal(name, content);
      return;
    }
    Path target = new Path(dir, name);
    // A unique temporary name: two drivers (one about to lose its lease) must not share one.
    Path tmp = new Path(dir, "." + name + "." + UUID.randomUUID() + ".tmp");
    try {
      fs.mkdirs(dir);
      HadoopFiles.writeAndRename(fs, tmp, target, content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * The same write on the local disk through java.nio: Hadoop's local FileSystem, without its
   * native library (the usual case: Spark's jars do not ship it), sets every new file's
   * permissions by forking {@code chmod}, which made each journal event cost a process start
   * (the overhead benchmark: 2,444 forks for 300 trials, most of the study's overhead).
   */
  private void writeLocal(String name, String content) {
    java.nio.file.Path to = localDir.resolve(name);
    // Unique as UUID's are, without SecureRandom's cost for every segment.
    java.nio.file.Path from = localDir.resolve("." + name + "." + Long.toHexString(System.nanoTime())
        + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong()) + ".tmp");
    try {
      Files.createDirectories(localDir);
      Files.write(from, content.getBytes(StandardCharsets.UTF_8));
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + to + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean create(String name, String content) {
    Path target = new Path(dir, name);
    try {
      fs.mkdirs(dir);
      // overwrite = false fails if the file exists: atomic on local and HDFS, best effort on object stores.
      try (OutputStream out = fs.create(target, false)) {
        out.write(content.getBytes(StandardCharsets.UTF_8));
      }
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      if (exists(target)) return false;
      throw new UncheckedIOException("cannot create " + target + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void delete(String name) {
    if (localDir != null) {
      try {
        Files.deleteIfExists(localDir.resolve(name));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete " + localDir.resolve(name) + ": " + e.getMessage(), e);
      }
      return;
    }
    try {
      fs.delete(new Path(dir, name), false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + new Path(dir, name) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String location() {
    return dir.toString();
  }

  private boolean exists(Path p) {
    try {
      return fs.exists(p);
    } catch (IOException e) {
      return false;
    }
  }
}
