package dev.sparktune.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The driver's exit code and what it printed, carried back to {@code submit/tune} when the driver
 * runs on the cluster (YARN cluster mode). spark-submit only learns "succeeded" or "failed" of a
 * cluster-mode application, so the driver writes its outcome to a small JSON file on the cluster's
 * default FileSystem, at the path {@code submit/tune} chose and passed as the Spark property
 * {@value #PROPERTY}; {@code submit/tune} reads it once the application has ended
 * ({@link ClusterLaunch}) and exits with the driver's code.
 *
 * <p>The path is relative, so both sides resolve it against the same user's home directory. YARN
 * runs a failed application master again; every attempt of one application gets the same path, so
 * a later attempt finds what an earlier one decided: only a run-time failure (exit 1) runs the
 * study again (resuming it); any other recorded code is repeated at once.
 */
final class DriverOutcome {
  static final String PROPERTY = "spark.sparktune.outcome";
  /** The tail of the driver's output kept for the caller: the summary, the last trials, the error. */
  private static final int KEEP_BYTES = 16 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a driver ended with: its exit code and the tails of its stdout and stderr. */
  record Record(int code, String out, String err, int attempt) {
    String toJson() {
      ObjectNode n = JSON.createObjectNode();
      n.put("v", 1).put("code", code).put("attempt", attempt).put("stdout", out).put("stderr", err);
      return n.toString();
    }

    static Record fromJson(String json) throws IOException {
      JsonNode n = JSON.readTree(json);
      if (n == null || !n.has("code")) throw new IOException("not a sparktune outcome record");
      return new Record(n.get("code").asInt(), n.path("stdout").asText(""), n.path("stderr").asText(""),
          n.path("attempt").asInt(1));
    }
  }

  private DriverOutcome() {}

  /** True in the driver of a YARN cluster-mode application (it runs in the application master). */
  static boolean inYarnCluster() {
    return "cluster".equals(System.getProperty("spark.submit.deployMode")) && System.getenv("CONTAINER_ID") != null
        && System.getProperty("spark.master", "").startsWith("yarn");
  }

  /**
   * Runs {@code job} and, when {@value #PROPERTY} is set, records its outcome there; an earlier
   * attempt's final outcome is repeated instead of running again.
   */
  static int run(String[] argv, BiFunction<PrintStream, PrintStream, Integer> job) {
    String where = System.getProperty(PROPERTY, "");
    if (where.isBlank()) return job.apply(System.out, System.err);
    Configuration conf = new Configuration();
    Optional<Record> earlier = read(where, conf);
    // Only a run-time failure (exit 1: Spark lost, a FileSystem error) is worth another attempt, which
    // resumes the study. Any other outcome is the study's answer: bad input, no trial succeeded, the
    // time limit, another driver's lock, or done.
    if (earlier.isPresent() && earlier.get().code() != Main.FAILED) {
      Record r = earlier.get();
      System.err.println("sparktune: attempt " + r.attempt() + " of this application already ended with exit code "
          + r.code() + "; another attempt would not change that, so it does not run the study again");
      System.err.print(r.err());
      return r.code();
    }
    Tail out = new Tail(System.out);
    Tail err = new Tail(System.err);
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = job.apply(o, e);
    }
    int attempt = earlier.map(r -> r.attempt() + 1).orElse(1);
    try {
      write(where, conf, new Record(code, out.text(), err.text(), attempt));
    } catch (IOException | RuntimeException ex) {
      // The study's own results are written; only the caller's exit code is lost (it sees spark-submit's).
      System.err.println("sparktune: could not record the outcome at " + where + ": " + Main.oneLine(ex));
    }
    return code;
  }

  static Optional<Record> read(String where, Configuration conf) {
    try {
      Path p = new Path(where);
      FileSystem fs = p.getFileSystem(conf);
      if (!fs.exists(p)) return Optional.empty();
      try (InputStream in = fs.open(p)) {
        return Optional.of(Record.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  static void write(String where, Configuration conf, Record r) throws IOException {
    Path p = new Path(where);
    FileSystem fs = p.getFileSystem(conf);
    Path tmp = new Path(p.getParent(), "." + p.getName() + ".tmp");
    try (OutputStream o = fs.create(tmp, true)) {
      o.write(r.toJson().getBytes(StandardCharsets.UTF_8));
    }
    if (fs.exists(p)) fs.delete(p, false);
    if (!fs.rename(tmp, p)) throw new IOException("rename " + tmp + " -> " + p + " failed");
  }

  static void delete(String where, Configuration conf) {
    try {
      Path p = new Path(where);
      p.getFileSystem(conf).delete(p, false);
    } catch (IOException | RuntimeException e) {
      // A leftover record of a few kilobytes; nothing depends on it.
    }
  }

  /** Passes bytes through to {@code sink} and keeps the last {@value #KEEP_BYTES} of them. */
  private static final class Tail extends OutputStream {
    private final OutputStream sink;
    private final byte[] ring = new byte[KEEP_BYTES];
    private long written;

    Tail(OutputStream sink) {
      this.sink = sink;
    }

    @Override
    public synchronized void write(int b) throws IOException {
      sink.write(b);
      ring[(int) (written++ % KEEP_BYTES)] = (byte) b;
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
      sink.write(b, off, len);
      for (int i = 0; i < len; i++) ring[(int) (written++ % KEEP_BYTES)] = b[off + i];
    }

    @Override
    public void flush() throws IOException {
      sink.flush();
    }

    @Override
    public void close() throws IOException {
      flush();   // never close System.out or System.err
    }

    synchronized String text() {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      if (written <= KEEP_BYTES) {
        b.write(ring, 0, (int) written);
      } else {
        int start = (int) (written % KEEP_BYTES);
        b.write(ring, start, KEEP_BYTES - start);
        b.write(ring, 0, start);
      }
      String s = b.toString(StandardCharsets.UTF_8);
      // Cut to whole lines when the start was dropped.
      return written <= KEEP_BYTES || s.indexOf('\n') < 0 ? s : s.substring(s.indexOf('\n') + 1);
    }
  }
}
