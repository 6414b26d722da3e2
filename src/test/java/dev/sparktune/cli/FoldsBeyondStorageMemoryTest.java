package dev.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study whose cached folds are larger than the executors' storage memory still finishes: the
 * quickstart's logistic regression on a9a (26k training rows, about 15 MB of folds) in a driver
 * JVM of its own whose Spark memory is cut to 24 MB ({@code spark.testing.memory}, local mode),
 * so memory-and-disk spills fold blocks to disk. The memory line says it will not fit and what to
 * change, and Spark holds part of the folds on disk. The same study with Spark's normal memory
 * runs too, and both wall times are printed (a figure, not asserted: the machine is shared).
 */
@Tag("spark")
class FoldsBeyondStorageMemoryTest {
  private static final Path PROJECT = Path.of(System.getProperty("sparktune.project.dir", ".")).toAbsolutePath();
  private static final Pattern MEMORY = Pattern.compile("(?m)^memory: .*$");
  private static final Pattern ON_DISK = Pattern.compile("in memory, ([0-9.]+) (B|kB|MB|GB) on disk");

  @TempDir Path dir;

  private record Run(int code, String out, String err, double seconds) {
    @Override
    public String toString() {
      return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
  }

  /** The quickstart study on a9a in a new local[2] driver JVM, with {@code sparkMemory} bytes ("" = Spark's own). */
  private Run study(String name, String sparkMemory) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The test JVM's options: Spark's --add-opens list and the heap.
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!a.startsWith("-javaagent") && !a.startsWith("-agentlib")) cmd.add(a);
    }
    cmd.add("-Dspark.master=local[2]");
    if (!sparkMemory.isEmpty()) {
      // What UnifiedMemoryManager takes as the JVM's memory, with nothing reserved: storage and
      // execution share 60 % of it.
      cmd.add("-Dspark.testing.memory=" + sparkMemory);
      cmd.add("-Dspark.testing.reservedMemory=0");
      // Only a sliver of it immune to eviction, so tasks can take execution memory back from the
      // cached folds (with the default half, a sort found none left: UNABLE_TO_ACQUIRE_MEMORY).
      cmd.add("-Dspark.memory.storageFraction=0.1");
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
        PROJECT.resolve("conf/examples/quickstart.conf").toString(),
        "sparktune.data.path=" + PROJECT.resolve("notebooks-data/a9a/a9a.libsvm.gz"),
        "sparktune.search.trials=4", "sparktune.search.time-limit=30m", "sparktune.output.refit=false",
        "sparktune.output.dir=" + dir.resolve(name)));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(PROJECT.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    long start = System.nanoTime();
    Process p = pb.start();
    p.getOutputStream().close();
    assertTrue(p.waitFor(20, TimeUnit.MINUTES), "did not end: " + cmd);
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8),
        (System.nanoTime() - start) / 1e9);
  }

  @Test
  void aStudyWhoseFoldsExceedStorageMemoryFinishesAndSaysWhatToChange() throws Exception {
    Run small = study("small", String.valueOf(24L << 20));
    assertEquals(0, small.code(), small::toString);
    Matcher m = MEMORY.matcher(small.out());
    assertTrue(m.find(), small.out());
    String line = m.group();
    assertFalse(m.find(), "one memory line: " + small.out());
    assertTrue(line.contains(": will NOT fit; what does not fit spills to disk"), line);
    assertTrue(line.contains("spark.executor.memory") && line.contains("sparktune.cv.folds"), line);
    Matcher disk = ON_DISK.matcher(line);
    assertTrue(disk.find() && Double.parseDouble(disk.group(1)) > 0, "part of the folds on disk: " + line);
    assertEquals(5, Files.readAllLines(dir.resolve("small/trials.csv")).size(), "4 trials and the header");

    Run normal = study("normal", "");
    assertEquals(0, normal.code(), normal::toString);
    Matcher n = MEMORY.matcher(normal.out());
    assertTrue(n.find() && n.group().endsWith(": fits"), normal.out());
    System.out.printf(Locale.ROOT, "FoldsBeyondStorageMemoryTest: 4 trials, wall %.1f s with 24 MB of Spark memory "
        + "(%s) against %.1f s with the JVM's (%s): %.2fx%n", small.seconds(), line, normal.seconds(), n.group(),
        small.seconds() / normal.seconds());
  }
}
