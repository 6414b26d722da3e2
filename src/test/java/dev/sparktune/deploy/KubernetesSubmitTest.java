package dev.sparktune.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code submit/tune --master k8s://...} refuses what cannot work before it starts anything: no
 * image, client deploy mode, a local conf with no upload path. Each is one line and exit 2, and
 * nothing is built or resolved: SPARKTUNE_APP_JAR names a jar that does not exist, which would
 * make the build step fail with exit 1 were it reached. (KubernetesSubmitIT submits for real, to a
 * mock API server.)
 */
class KubernetesSubmitTest {
  private static final Path PROJECT = Path.of(System.getProperty("sparktune.project.dir", ".")).toAbsolutePath();
  private static final String MASTER = "k8s://https://127.0.0.1:6443";

  @TempDir Path tmp;

  private record Result(int code, String stderr) {}

  private Result tune(String image, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(PROJECT.resolve("submit/tune").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(PROJECT.toFile());
    pb.environment().remove("SPARK_HOME");
    pb.environment().remove("SPARKTUNE_MASTER");
    pb.environment().remove("SPARKTUNE_IMAGE");
    if (image != null) pb.environment().put("SPARKTUNE_IMAGE", image);
    pb.environment().put("SPARKTUNE_APP_JAR", tmp.resolve("no-such.jar").toString());
    Path err = tmp.resolve("stderr.txt");
    pb.redirectOutput(tmp.resolve("stdout.txt").toFile()).redirectError(err.toFile());
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "submit/tune did not end");
    assertEquals("", Files.readString(tmp.resolve("stdout.txt")));
    return new Result(p.exitValue(), Files.readString(err));
  }

  private static void oneLine(Result r, String... parts) {
    assertEquals(2, r.code(), r.stderr());
    assertEquals(1, r.stderr().lines().count(), r.stderr());
    assertTrue(r.stderr().startsWith("submit/tune: "), r.stderr());
    for (String part : parts) assertTrue(r.stderr().contains(part), "'" + part + "' not in: " + r.stderr());
  }

  @Test
  void aKubernetesMasterWithoutAnImageIsRefused() throws Exception {
    oneLine(tune(null, "--master", MASTER, "conf/examples/quickstart.conf"),
        "spark.kubernetes.container.image", "SPARKTUNE_IMAGE", "deploy/kubernetes/Dockerfile");
    oneLine(tune(null, "--master=" + MASTER, "--conf", "spark.kubernetes.file.upload.path=file:///tmp/up",
        "conf/examples/quickstart.conf"), "spark.kubernetes.container.image");
  }

  @Test
  void clientModeIsRefused() throws Exception {
    oneLine(tune("registry.example.com/sparktune:0.1.0", "--master", MASTER, "--deploy-mode", "client",
        "conf/examples/quickstart.conf"), "--deploy-mode client", "cluster");
    oneLine(tune("registry.example.com/sparktune:0.1.0", "--master", MASTER, "--conf", "spark.submit.deployMode=client",
        "conf/examples/quickstart.conf"), "--deploy-mode client");
  }

  @Test
  void aLocalConfNeedsAnUploadPath() throws Exception {
    oneLine(tune(null, "--master", MASTER, "--conf", "spark.kubernetes.container.image=registry.example.com/sparktune:0.1.0",
        "conf/examples/quickstart.conf"), "conf/examples/quickstart.conf", "spark.kubernetes.file.upload.path");
  }

  /** st_k8s_submit_args (submit/lib.sh) on its own: the spark-submit options it hands back. */
  private static List<String> k8sArgs(String image, String... args) throws IOException, InterruptedException {
    String script = "source submit/lib.sh; st_k8s_submit_args \"$@\" || exit $?;"
        + " printf '%s\\n' \"${ST_K8S_OPTS[@]}\" \"app=$ST_K8S_APP_JAR\" \"conf=$ST_K8S_CONF\"";
    List<String> cmd = new ArrayList<>(List.of("bash", "-c", script, "bash"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(PROJECT.toFile()).redirectErrorStream(true);
    pb.environment().remove("SPARK_HOME");
    pb.environment().remove("SPARKTUNE_IMAGE");
    if (image != null) pb.environment().put("SPARKTUNE_IMAGE", image);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    return out.lines().toList();
  }

  @Test
  void theImagesJarAndTheConfByItsNameOnTheDriver() throws Exception {
    String conf = PROJECT.resolve("conf/examples/quickstart.conf").toString();
    assertEquals(List.of("--conf", "spark.kubernetes.file.upload.path=hdfs://nn:8020/up", "--deploy-mode", "cluster",
        "--conf", "spark.kubernetes.container.image=reg/sparktune:1", "--files", conf,
        "app=local:///opt/sparktune/sparktune.jar", "conf=quickstart.conf"),
        k8sArgs("reg/sparktune:1", "conf/examples/quickstart.conf", "--conf", "spark.kubernetes.file.upload.path=hdfs://nn:8020/up"));
    // An image given as --conf wins over none in the environment; the user's --files keep theirs.
    assertEquals(List.of("--files", "/data/lookup.csv," + conf, "--conf", "spark.kubernetes.container.image=reg/other:2",
        "--conf", "spark.kubernetes.file.upload.path=s3a://b/up", "--deploy-mode", "cluster",
        "app=local:///opt/sparktune/sparktune.jar", "conf=quickstart.conf"),
        k8sArgs(null, "conf/examples/quickstart.conf", "--files", "/data/lookup.csv", "--conf",
            "spark.kubernetes.container.image=reg/other:2", "--conf", "spark.kubernetes.file.upload.path=s3a://b/up"));
    // A conf that is not a local file (a URI) goes to the driver as it is, with nothing to upload.
    assertEquals(List.of("--deploy-mode", "cluster", "--conf", "spark.kubernetes.container.image=reg/sparktune:1",
        "app=local:///opt/sparktune/sparktune.jar", "conf=hdfs://nn:8020/jobs/nightly.conf"),
        k8sArgs("reg/sparktune:1", "hdfs://nn:8020/jobs/nightly.conf"));
  }
}
