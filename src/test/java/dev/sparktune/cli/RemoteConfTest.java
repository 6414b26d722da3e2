package dev.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tuning file given as a Hadoop FileSystem URI, on a real HDFS: read wherever the driver runs,
 * and named by its URI in every error. Everything here is decided before Spark starts.
 */
class RemoteConfTest {
  @TempDir static Path tmp;
  private static MiniDFSCluster dfs;
  private static String hdfs;

  @BeforeAll
  static void startHdfs() throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("hdfs").toString());
    dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    dfs.waitActive();
    hdfs = dfs.getFileSystem().getUri().toString();
    FileSystem fs = dfs.getFileSystem();
    put(fs, "/jobs/typo.conf", Files.readString(Path.of("conf/examples/quickstart.conf"))
        + "\nsparktune.search.trails = 3\n");
    put(fs, "/jobs/good.conf", Files.readString(Path.of("conf/examples/quickstart.conf")));
  }

  private static void put(FileSystem fs, String path, String text) throws Exception {
    try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path(path))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  @AfterAll
  static void stopHdfs() {
    if (dfs != null) dfs.shutdown();
  }

  private record Run(int code, String out, String err) {}

  private static Run prepare(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] argv = new String[args.length + 2];
    argv[0] = "prepare";
    argv[1] = tmp.resolve("resolved-" + System.nanoTime() + ".conf").toString();
    System.arraycopy(args, 0, argv, 2, args.length);
    int code = ClusterLaunch.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void anErrorInARemoteConfNamesItsUri() {
    String uri = hdfs + "/jobs/typo.conf";
    Run r = prepare(uri, "sparktune.output.dir=" + hdfs + "/studies/x");
    assertEquals(2, r.code(), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().startsWith("sparktune: " + uri + ":"), r.err());
    assertTrue(r.err().contains("sparktune.search.trails"), r.err());
  }

  @Test
  void aMissingRemoteConfIsOneLineExit2() {
    String uri = hdfs + "/jobs/absent.conf";
    Run r = prepare(uri);
    assertEquals(2, r.code(), r.err());
    assertEquals("sparktune: " + uri + ": expected a readable HOCON tuning file, got no such file", r.err().strip());
  }

  @Test
  void aRemoteConfIsResolvedForTheClusterAndLocalPathsAreRefusedThere() throws Exception {
    String out = hdfs + "/studies/remote";
    Path resolved = tmp.resolve("resolved.conf");
    int code = ClusterLaunch.run(new String[] {"prepare", resolved.toString(), hdfs + "/jobs/good.conf",
        "sparktune.data.path=file:" + Path.of("notebooks-data/spambase/spambase.libsvm").toAbsolutePath(),
        "sparktune.output.dir=" + out, "sparktune.search.trials=7"}, System.out, System.err);
    assertEquals(0, code);
    String text = Files.readString(resolved);
    assertTrue(text.contains(out) && text.contains("trials=7"), text);

    // The quickstart's own output.dir is a local path: on a cluster node it would be lost.
    Run r = prepare(hdfs + "/jobs/good.conf",
        "sparktune.data.path=file:" + Path.of("notebooks-data/spambase/spambase.libsvm").toAbsolutePath());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().startsWith("sparktune: sparktune.output.dir: ") && r.err().contains("is a local path"), r.err());
  }
}
