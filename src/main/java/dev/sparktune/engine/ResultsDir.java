package dev.sparktune.engine;

import dev.sparktune.config.ConfigError;
import dev.sparktune.config.Echo;
import dev.sparktune.store.hadoop.HadoopFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The output folder on any Hadoop FileSystem (local, HDFS, S3A, ABFS...). Files are written to a
 * temporary name and renamed, so a reader — or a crash — never sees half a trials.csv.
 */
public final class ResultsDir {
  /** What sparktune writes into a study's directory before its journal holds anything. */
  private static final Set<String> OWN_BEFORE_JOURNAL = Set.of("lease.json", "journal/");
  /** Entries named in a refusal; a directory of thousands is summarized. */
  private static final int NAMED = 5;

  private final FileSystem fs;
  private final Path dir;

  /**
   * @param dir {@code sparktune.output.dir}, or the new sibling that {@code resume = never} chose
   * @throws ConfigError naming {@code sparktune.output.dir} if the directory cannot be created
   */
  public ResultsDir(String dir, Configuration conf) {
    try {
      Path p = new Path(dir);
      this.fs = HadoopFiles.of(p, conf);
      this.dir = fs.makeQualified(p);
      // Some FileSystems report failure by returning false rather than throwing.
      if (!fs.mkdirs(this.dir)) throw new IOException("mkdirs failed");
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigError("sparktune.output.dir: cannot create '" + Echo.of(dir) + "' ("
          + Echo.line(String.valueOf(e.getMessage()).strip().replaceAll("\\s*[\\r\\n]+\\s*", " "))
          + "); expected a writable directory", e);
    }
  }

  /**
   * What an output directory holds, to decide whether sparktune may write into it: a study of its
   * own (its {@code journal/} holds segments: the journal is the mark, written before anything
   * else), and the entries that are not sparktune's. Hidden entries (a leading dot) are left out:
   * sparktune never writes or deletes a hidden name other than its own temporaries.
   *
   * @param entries visible entries, directories with a trailing {@code /}, sorted
   */
  public record Contents(boolean study, List<String> entries) {
    /** Nothing visible: a new or empty directory. */
    public boolean isEmpty() {
      return entries.isEmpty();
    }

    /** True if writing here could overwrite or delete what sparktune did not write. */
    public boolean foreign() {
      return !study && entries.stream().anyMatch(e -> !OWN_BEFORE_JOURNAL.contains(e));
    }

    /** "model/, notes.txt, trials.csv and 3 more". */
    public String describe() {
      List<String> shown = entries.subList(0, Math.min(NAMED, entries.size()));
      return String.join(", ", shown) + (entries.size() > NAMED ? " and " + (entries.size() - NAMED) + " more" : "");
    }
  }

  /**
   * Lists {@code dir} without writing anything.
   *
   * @throws ConfigError naming {@code sparktune.output.dir} if it cannot be listed
   */
  public static Contents inspect(String dir, Configuration conf) {
    try {
      Path p = new Path(dir);
      FileSystem fs = p.toUri().getScheme() == null ? FileSystem.getLocal(conf) : p.getFileSystem(conf);
      if (!fs.exists(p) || !fs.getFileStatus(p).isDirectory()) return new Contents(false, List.of());
      List<String> entries = new ArrayList<>();
      for (FileStatus st : fs.listStatus(p)) {
        String name = st.getPath().getName();
        if (!name.startsWith(".")) entries.add(name + (st.isDirectory() ? "/" : ""));
      }
      entries.sort(null);
      boolean study = false;
      Path journal = new Path(p, "journal");
      if (fs.exists(journal) && fs.getFileStatus(journal).isDirectory()) {
        for (FileStatus st : fs.listStatus(journal)) study |= st.isFile() && st.getPath().getName().startsWith("segment-");
      }
      return new Contents(study, List.copyOf(entries));
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigError("sparktune.output.dir: cannot list '" + Echo.of(dir) + "' ("
          + Echo.line(String.valueOf(e.getMessage()).strip().replaceAll("\\s*[\\r\\n]+\\s*", " ")) + ")", e);
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
      HadoopFiles.writeAndRename(fs, tmp, target, content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** The content of {@code name} in the folder; empty when there is no such file. */
  public java.util.Optional<String> read(String name) {
    Path target = new Path(dir, name);
    try {
      if (!fs.exists(target)) return java.util.Optional.empty();
      try (var in = fs.open(target)) {
        return java.util.Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + target + ": " + e.getMessage(), e);
    }
  }
}
