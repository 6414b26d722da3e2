package dev.sparktune.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code submit/tune --master k8s://...} as the README shows it, run for real against a
 * Kubernetes API server: fabric8's mock server in CRUD mode, in this JVM. Spark's own submission
 * client (spark-kubernetes, from the resolved classpath) uploads the conf and creates the driver
 * pod, its ConfigMap and service; the test then reads the driver pod back and checks what a
 * cluster would run: the image, the jar inside it, Main with the conf by its name on the driver,
 * the conf itself at the upload path, the service account, and the driver pod template applied.
 * No pod runs: the mock server stores objects, it schedules nothing.
 */
class KubernetesSubmitIT {
  private static final Path PROJECT = Path.of(System.getProperty("sparktune.project.dir", ".")).toAbsolutePath();
  private static final String IMAGE = "registry.example.com/sparktune:0.1.0";
  private static final String NAMESPACE = "tuning";

  @TempDir Path tmp;
  private KubernetesMockServer server;
  private KubernetesClient client;

  @BeforeEach
  void startApiServer() throws IOException {
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new LikeAnApiServer(), false);
    server.init(InetAddress.getByName("127.0.0.1"), 0);
    client = server.createClient();
  }

  @AfterEach
  void stopApiServer() {
    if (client != null) client.close();
    if (server != null) server.destroy();
  }

  /** Starts the README's submit/tune command against the mock server, with Spark's log in submit.log. */
  private Process submit() throws IOException {
    Files.createDirectories(tmp.resolve("upload"));
    List<String> cmd = new ArrayList<>(List.of(PROJECT.resolve("submit/tune").toString(),
        "--master", "k8s://http://127.0.0.1:" + server.getPort(),
        "--conf", "spark.kubernetes.namespace=" + NAMESPACE,
        "--conf", "spark.kubernetes.file.upload.path=" + tmp.resolve("upload").toUri(),
        "--conf", "spark.kubernetes.authenticate.driver.serviceAccountName=sparktune",
        "--conf", "spark.kubernetes.driver.podTemplateFile=deploy/kubernetes/driver-pod-template.yaml",
        "--conf", "spark.kubernetes.driverEnv.SPARKTUNE_DATA=hdfs://namenode:8020/data/spambase.libsvm",
        "--conf", "spark.kubernetes.driverEnv.SPARKTUNE_OUT=hdfs://namenode:8020/tuning/nightly",
        "--conf", "spark.executor.instances=2",
        "--conf", "spark.kubernetes.report.interval=1s",
        "conf/examples/nightly.conf", "sparktune.search.trials=3"));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(PROJECT.toFile());
    pb.environment().remove("SPARK_HOME");
    pb.environment().remove("HADOOP_CONF_DIR");
    pb.environment().remove("KUBECONFIG");
    pb.environment().put("SPARKTUNE_IMAGE", IMAGE);
    // The k8s path must neither build nor read the local jar: this one does not exist.
    pb.environment().put("SPARKTUNE_APP_JAR", tmp.resolve("no-such.jar").toString());
    pb.redirectErrorStream(true).redirectOutput(tmp.resolve("submit.log").toFile());
    return pb.start();
  }

  private String waitFor(Process p) throws Exception {
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("submit/tune did not end in 5 minutes:\n" + Files.readString(tmp.resolve("submit.log")));
    }
    return Files.readString(tmp.resolve("submit.log"));
  }

  /**
   * The README's command, submitted to the mock API server: Spark's client uploads the conf,
   * creates the driver pod and its ConfigMap, then waits for the pod to end. The test plays the
   * kubelet and ends it with sparktune's exit code 2: Spark's client prints that code in its log
   * but exits 0 itself; submit/tune reads the code from that log and exits with it.
   */
  @Test
  void submitsTheDriverPodWithTheImagesJarAndTheShippedConf() throws Exception {
    Path upload = tmp.resolve("upload");
    Path conf = PROJECT.resolve("conf/examples/nightly.conf");
    Process p = submit();
    Pod created = null;
    for (int i = 0; i < 600 && p.isAlive() && (created == null || sparkProperties().isEmpty()); i++) {
      List<Pod> found = client.pods().inNamespace(NAMESPACE).list().getItems();
      if (!found.isEmpty()) created = found.get(0);
      Thread.sleep(500);
    }
    if (created == null || sparkProperties().isEmpty()) {
      throw new AssertionError("no driver pod and ConfigMap:\n" + waitFor(p));
    }
    created.setStatus(new PodStatusBuilder().withPhase("Failed").addNewContainerStatus()
        .withName("spark-kubernetes-driver").withImage(IMAGE).withNewState().withNewTerminated()
        .withExitCode(2).withReason("Error").endTerminated().endState().endContainerStatus().build());
    client.pods().inNamespace(NAMESPACE).resource(created).updateStatus();
    String output = waitFor(p);
    assertEquals(2, p.exitValue(), "the driver's exit code, not spark-submit's 0:\n" + output);
    assertTrue(output.contains("Container final statuses"), output);
    assertTrue(output.contains("exit code: 2"), output);

    List<Pod> pods = client.pods().inNamespace(NAMESPACE).list().getItems();
    assertEquals(1, pods.size(), output);
    Pod driver = pods.get(0);
    assertEquals("Failed", driver.getStatus().getPhase());
    assertEquals("driver", driver.getMetadata().getLabels().get("spark-role"));
    assertEquals("sparktune", driver.getSpec().getServiceAccountName());
    assertEquals(1, driver.getSpec().getContainers().size());
    Container container = driver.getSpec().getContainers().get(0);
    assertEquals(IMAGE, container.getImage());
    // Spark's driver entrypoint arguments: the main class, the jar inside the image, then Main's
    // own arguments: the conf by the name it has in the driver's working directory.
    List<String> args = container.getArgs();
    int at = args.indexOf("--class");
    assertTrue(at >= 0, args.toString());
    assertEquals(List.of("dev.sparktune.cli.Main", "local:///opt/sparktune/sparktune.jar", "nightly.conf",
        "sparktune.search.trials=3"), args.subList(at + 1, args.size()));
    assertTrue(container.getEnv().stream().anyMatch(e -> e.getName().equals("SPARKTUNE_DATA")
        && e.getValue().equals("hdfs://namenode:8020/data/spambase.libsvm")), container.getEnv().toString());
    assertTrue(container.getEnv().stream().anyMatch(e -> e.getName().equals("SPARKTUNE_OUT")
        && e.getValue().equals("hdfs://namenode:8020/tuning/nightly")), container.getEnv().toString());

    // deploy/kubernetes/driver-pod-template.yaml, merged by Spark into the pod.
    assertEquals(Long.valueOf(185), driver.getSpec().getSecurityContext().getRunAsUser());
    assertEquals(Boolean.TRUE, driver.getSpec().getSecurityContext().getRunAsNonRoot());
    assertEquals(Boolean.FALSE, container.getSecurityContext().getAllowPrivilegeEscalation());
    Volume confVolume = driver.getSpec().getVolumes().stream().filter(v -> v.getName().equals("sparktune-conf"))
        .findFirst().orElseThrow(() -> new AssertionError(driver.getSpec().getVolumes().toString()));
    assertEquals("sparktune-conf", confVolume.getConfigMap().getName());
    assertTrue(container.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/opt/sparktune/conf")));

    // The driver's Spark properties: the conf among spark.files, at the upload path, intact, so the
    // driver's spark-submit downloads it into its working directory as nightly.conf.
    Properties props = new Properties();
    ConfigMap sparkConf = sparkProperties().orElseThrow(() -> new AssertionError("no spark.properties ConfigMap\n" + output));
    props.load(new StringReader(sparkConf.getData().get("spark.properties")));
    assertEquals("cluster", props.getProperty("spark.submit.deployMode"));
    assertEquals("2", props.getProperty("spark.executor.instances"));
    assertEquals(IMAGE, props.getProperty("spark.kubernetes.container.image"));
    assertEquals("local:///opt/sparktune/sparktune.jar", props.getProperty("spark.jars"));
    String files = props.getProperty("spark.files");
    assertTrue(files != null && !files.contains(","), "spark.files = " + files);
    Path shipped = Path.of(URI.create(files));
    assertTrue(shipped.startsWith(upload), files);
    assertEquals("nightly.conf", shipped.getFileName().toString());
    assertEquals(Files.readString(conf), Files.readString(shipped));
  }

  private java.util.Optional<ConfigMap> sparkProperties() {
    return client.configMaps().inNamespace(NAMESPACE).list().getItems().stream()
        .filter(cm -> cm.getData() != null && cm.getData().containsKey("spark.properties")).findFirst();
  }

  /**
   * The mock's CRUD mode with two things a real API server does that it does not: a new pod gets
   * the status phase Pending (Spark's client logs the pod's state and expects a status); and a
   * server-side apply (Spark creates the driver's service and ConfigMaps that way) of an object
   * that does not exist yet creates it, instead of answering 404.
   */
  private static final class LikeAnApiServer extends KubernetesCrudDispatcher {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public MockResponse handleCreate(RecordedRequest request) {
      String path = request.getPath();
      if (path.matches("/api/v1/namespaces/[^/]+/pods(\\?.*)?")) {
        try {
          ObjectNode pod = (ObjectNode) JSON.readTree(request.getBody().getBytes());
          if (!pod.has("status")) pod.putObject("status").put("phase", "Pending");
          request = new RecordedRequest(request.getRequestLine(), HttpMethod.POST, path, request.getHeaders(),
              new Buffer(JSON.writeValueAsBytes(pod)));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return super.handleCreate(request);
    }

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
      String contentType = request.getHeader("Content-Type");
      String path = request.getPath();
      String resource = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
      if (contentType != null && contentType.startsWith("application/apply-patch") && handleGet(resource).code() == 404) {
        String collection = resource.substring(0, resource.lastIndexOf('/'));
        RecordedRequest create = new RecordedRequest("POST " + collection + " HTTP/1.1", HttpMethod.POST, collection,
            request.getHeaders(), new Buffer(request.getBody().getBytes()));
        return handleCreate(create);
      }
      return super.handlePatch(request);
    }
  }
}
