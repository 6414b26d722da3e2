package dev.sparktune.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sparktune.config.Settings;
import dev.sparktune.config.SettingsLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/kubernetes/ as the Kubeflow Spark operator (sparkoperator.k8s.io/v1beta2) and Kubernetes
 * would read it, short of a cluster: every file parses as YAML; the SparkApplication and the
 * ScheduledSparkApplication's template carry the fields the operator's API requires (type,
 * sparkVersion, mainApplicationFile, driver, executor; schedule and template) and no field it
 * does not know (the API server would drop it without a word); and the files agree with each
 * other and with the build: the jar path with the Dockerfile's COPY target, the service account
 * with the RBAC, the Spark and Scala versions with the pom, the conf with conf/examples/.
 */
class KubernetesManifestsTest {
  private static final Path PROJECT = Path.of(System.getProperty("sparktune.project.dir", ".")).toAbsolutePath();
  private static final Path DIR = PROJECT.resolve("deploy/kubernetes");

  // Fields of the operator's v1beta2 API types (SparkApplicationSpec, DriverSpec, ExecutorSpec,
  // RestartPolicy, ScheduledSparkApplicationSpec) that these manifests may use.
  private static final Set<String> SPEC_FIELDS = Set.of("type", "sparkVersion", "mode", "proxyUser", "image",
      "imagePullPolicy", "imagePullSecrets", "mainClass", "mainApplicationFile", "arguments", "sparkConf",
      "hadoopConf", "sparkConfigMap", "hadoopConfigMap", "volumes", "driver", "executor", "deps", "restartPolicy",
      "nodeSelector", "failureRetries", "retryInterval", "memoryOverheadFactor", "monitoring", "batchScheduler",
      "timeToLiveSeconds", "batchSchedulerOptions", "sparkUIOptions", "driverIngressOptions", "dynamicAllocation");
  private static final Set<String> POD_FIELDS = Set.of("template", "cores", "coreLimit", "memory", "memoryOverhead",
      "gpu", "image", "configMaps", "secrets", "env", "envFrom", "labels", "annotations", "volumeMounts", "affinity",
      "tolerations", "podSecurityContext", "securityContext", "schedulerName", "sidecars", "initContainers",
      "hostNetwork", "nodeSelector", "dnsConfig", "terminationGracePeriodSeconds", "serviceAccount", "hostAliases",
      "shareProcessNamespace", "runtimeClassName", "coreRequest", "javaOptions", "lifecycle", "ports",
      "priorityClassName");
  private static final Set<String> DRIVER_ONLY = Set.of("podName", "kubernetesMaster", "serviceAnnotations",
      "serviceLabels");
  private static final Set<String> EXECUTOR_ONLY = Set.of("instances", "deleteOnTermination");
  private static final Set<String> RESTART_FIELDS = Set.of("type", "onSubmissionFailureRetries", "onFailureRetries",
      "onSubmissionFailureRetryInterval", "onFailureRetryInterval");
  private static final Set<String> SCHEDULED_FIELDS = Set.of("schedule", "template", "suspend", "concurrencyPolicy",
      "successfulRunHistoryLimit", "failedRunHistoryLimit");

  @TempDir Path tmp;

  @Test
  void dockerfileBuildsOnTheOfficialSparkImageOfThePomsVersions() throws IOException {
    String dockerfile = Files.readString(DIR.resolve("Dockerfile"));
    Map<String, String> args = dockerArgs(dockerfile);
    String image = expand(args.get("SPARK_IMAGE"), args);
    assertEquals("apache/spark:" + pom("spark.version") + "-scala" + pom("scala.binary.version") + "-java"
        + pom("maven.compiler.release") + "-ubuntu", image);
    assertTrue(dockerfile.lines().anyMatch(l -> l.strip().equals("FROM ${SPARK_IMAGE}")), "FROM is not the ARG");
    // The jar the build writes; a renamed artifact must be renamed here too.
    assertEquals("target/" + pomProject("artifactId") + "-" + pomProject("version") + ".jar", args.get("SPARKTUNE_JAR"));
    assertTrue(globMatches("target/sparktune*.jar", args.get("SPARKTUNE_JAR")));
    assertTrue(Files.readString(DIR.resolve("Dockerfile.dockerignore")).contains("!target/sparktune*.jar"));
    assertEquals("/opt/sparktune/sparktune.jar", copyTarget(dockerfile));
    String user = lastInstruction(dockerfile, "USER");
    assertTrue(user.matches("[1-9][0-9]*"), "USER must be a non-root uid, got " + user);
  }

  @Test
  void sparkApplicationCarriesWhatTheOperatorRequires() throws IOException {
    Map<String, Object> app = single("sparktune-study.yaml");
    assertEquals("sparkoperator.k8s.io/v1beta2", app.get("apiVersion"));
    assertEquals("SparkApplication", app.get("kind"));
    assertNotNull(map(app, "metadata").get("name"));
    checkApplicationSpec(map(app, "spec"), "sparktune-study.yaml spec");
  }

  @Test
  void nightlyIsAScheduledApplicationThatNeverOverlaps() throws IOException {
    Map<String, Object> nightly = single("sparktune-nightly.yaml");
    assertEquals("sparkoperator.k8s.io/v1beta2", nightly.get("apiVersion"));
    assertEquals("ScheduledSparkApplication", nightly.get("kind"));
    Map<String, Object> spec = map(nightly, "spec");
    onlyKnown(spec, SCHEDULED_FIELDS, "sparktune-nightly.yaml spec");
    String schedule = (String) spec.get("schedule");
    String[] cron = schedule.split(" ");
    assertEquals(5, cron.length, "a five-field cron schedule: " + schedule);
    for (String field : cron) assertTrue(field.matches("[0-9*/,-]+"), schedule);
    assertEquals("Forbid", spec.get("concurrencyPolicy"));
    checkApplicationSpec(map(spec, "template"), "sparktune-nightly.yaml spec.template");
  }

  @Test
  void driverTemplateIsTheSameInEveryFileAndMountsTheConf() throws IOException {
    Map<String, Object> pod = single("driver-pod-template.yaml");
    assertEquals("v1", pod.get("apiVersion"));
    assertEquals("Pod", pod.get("kind"));
    Map<String, Object> spec = map(pod, "spec");
    Map<String, Object> security = map(spec, "securityContext");
    assertEquals(true, security.get("runAsNonRoot"));
    assertEquals(185, security.get("runAsUser"));
    assertEquals(1, list(spec, "containers").size(), "Spark takes the driver container from a one-container template");
    for (String file : List.of("sparktune-study.yaml", "sparktune-nightly.yaml")) {
      Map<String, Object> appSpec = map(single(file), "spec");
      if (appSpec.containsKey("template")) appSpec = map(appSpec, "template");
      Map<String, Object> template = map(map(appSpec, "driver"), "template");
      assertEquals(spec, template.get("spec"), file + ": spec.driver.template differs from driver-pod-template.yaml");
      assertEquals(pod.get("metadata"), template.get("metadata"), file);
    }
  }

  @Test
  void configMapHoldsTheExampleConfAndItLoads() throws IOException {
    Map<String, Object> cm = single("sparktune-conf.yaml");
    assertEquals("ConfigMap", cm.get("kind"));
    String conf = (String) map(cm, "data").get("nightly.conf");
    assertEquals(Files.readString(PROJECT.resolve("conf/examples/nightly.conf")), conf,
        "sparktune-conf.yaml must hold conf/examples/nightly.conf as it is");
    Path file = Files.writeString(tmp.resolve("nightly.conf"), conf);
    // As the nightly runs it: the file, then its arguments after the first as overrides.
    List<String> overrides = new ArrayList<>(List.of("sparktune.data.path=hdfs://namenode:8020/data/x.libsvm"));
    List<String> nightlyArgs = stringList(map(map(single("sparktune-nightly.yaml"), "spec"), "template"), "arguments");
    overrides.addAll(nightlyArgs.subList(1, nightlyArgs.size()));
    assertEquals(Settings.Resume.Mode.NEVER, SettingsLoader.load(Optional.of(file), overrides).resume().mode());
  }

  @Test
  void rbacGrantsTheDriverWhatSparkCalls() throws IOException {
    List<Map<String, Object>> docs = all("rbac.yaml");
    Map<String, Map<String, Object>> byKind = new LinkedHashMap<>();
    for (Map<String, Object> d : docs) byKind.put((String) d.get("kind"), d);
    assertEquals(Set.of("ServiceAccount", "Role", "RoleBinding"), byKind.keySet());
    String account = (String) map(byKind.get("ServiceAccount"), "metadata").get("name");
    String role = (String) map(byKind.get("Role"), "metadata").get("name");
    Map<String, Set<String>> verbs = new LinkedHashMap<>();
    for (Object o : list(byKind.get("Role"), "rules")) {
      @SuppressWarnings("unchecked") Map<String, Object> rule = (Map<String, Object>) o;
      assertEquals(List.of(""), rule.get("apiGroups"), "core API group");
      for (String r : stringList(rule, "resources")) verbs.computeIfAbsent(r, k -> new java.util.HashSet<>()).addAll(stringList(rule, "verbs"));
    }
    // The calls of Spark's driver (ExecutorPodsAllocator, the watch and polling snapshot sources,
    // ExecutorPodsLifecycleManager, KubernetesClusterSchedulerBackend).
    Set<String> crud = Set.of("get", "list", "create", "delete", "deletecollection");
    assertTrue(verbs.get("pods").containsAll(Set.of("get", "list", "watch", "create", "patch", "delete", "deletecollection")), verbs.toString());
    for (String r : List.of("services", "configmaps", "persistentvolumeclaims")) {
      assertTrue(verbs.containsKey(r) && verbs.get(r).containsAll(crud), r + ": " + verbs.get(r));
    }
    Map<String, Object> binding = byKind.get("RoleBinding");
    assertEquals(Map.of("apiGroup", "rbac.authorization.k8s.io", "kind", "Role", "name", role), binding.get("roleRef"));
    assertEquals(List.of(Map.of("kind", "ServiceAccount", "name", account)), binding.get("subjects"));
  }

  // ---- the v1beta2 SparkApplicationSpec, as the operator's API types define it ----

  private void checkApplicationSpec(Map<String, Object> spec, String where) throws IOException {
    onlyKnown(spec, SPEC_FIELDS, where);
    for (String required : List.of("type", "sparkVersion", "mainApplicationFile", "driver", "executor")) {
      assertTrue(spec.containsKey(required), where + ": missing " + required);
    }
    assertEquals("Java", spec.get("type"), where);
    assertEquals("cluster", spec.get("mode"), where);
    assertEquals(pom("spark.version"), spec.get("sparkVersion"), where + ": sparkVersion must be a string equal to the pom's");
    assertTrue(spec.get("image") instanceof String s && !s.isBlank(), where + ": image");
    assertEquals("dev.sparktune.cli.Main", spec.get("mainClass"), where);
    assertEquals("local://" + copyTarget(Files.readString(DIR.resolve("Dockerfile"))), spec.get("mainApplicationFile"), where);
    Map<String, Object> restart = map(spec, "restartPolicy");
    onlyKnown(restart, RESTART_FIELDS, where + ".restartPolicy");
    assertTrue(Set.of("Never", "OnFailure", "Always").contains(restart.get("type")), where + ": restartPolicy.type");

    Map<String, Object> driver = map(spec, "driver");
    onlyKnown(driver, union(POD_FIELDS, DRIVER_ONLY), where + ".driver");
    Map<String, Object> executor = map(spec, "executor");
    onlyKnown(executor, union(POD_FIELDS, EXECUTOR_ONLY), where + ".executor");
    for (Map<String, Object> pod : List.of(driver, executor)) {
      assertTrue(pod.get("cores") instanceof Integer c && c >= 1, where + ": cores " + pod.get("cores"));
      assertTrue(String.valueOf(pod.get("memory")).matches("[0-9]+[kmgt]"), where + ": memory " + pod.get("memory"));
    }
    assertTrue(executor.get("instances") instanceof Integer n && n >= 1, where + ": executor.instances");
    Map<String, Object> rbacAccount = all("rbac.yaml").stream().filter(d -> "ServiceAccount".equals(d.get("kind")))
        .findFirst().orElseThrow();
    assertEquals(map(rbacAccount, "metadata").get("name"), driver.get("serviceAccount"), where + ": driver.serviceAccount");

    // Main's first argument is the conf where the driver template mounts the ConfigMap.
    Map<String, Object> podSpec = map(map(driver, "template"), "spec");
    @SuppressWarnings("unchecked") Map<String, Object> container = (Map<String, Object>) list(podSpec, "containers").get(0);
    @SuppressWarnings("unchecked") Map<String, Object> mount = (Map<String, Object>) list(container, "volumeMounts").get(0);
    @SuppressWarnings("unchecked") Map<String, Object> volume = (Map<String, Object>) list(podSpec, "volumes").get(0);
    assertEquals(mount.get("name"), volume.get("name"));
    Map<String, Object> cm = single("sparktune-conf.yaml");
    assertEquals(map(cm, "metadata").get("name"), map(volume, "configMap").get("name"), where + ": the mounted ConfigMap");
    String confArg = stringList(spec, "arguments").get(0);
    String key = confArg.substring(confArg.lastIndexOf('/') + 1);
    assertEquals(mount.get("mountPath") + "/" + key, confArg, where + ": arguments[0]");
    assertTrue(map(cm, "data").containsKey(key), where + ": the ConfigMap has no key " + key);
    Map<String, Object> sparkConf = map(spec, "sparkConf");
    for (Object v : sparkConf.values()) assertTrue(v instanceof String, where + ": sparkConf values are strings: " + v);
    assertTrue(sparkConf.containsKey("spark.kubernetes.driverEnv.SPARKTUNE_DATA"), where + ": the data path for the conf");
  }

  // ---- helpers ----

  private static List<Map<String, Object>> all(String file) throws IOException {
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object doc : new Yaml(new LoaderOptions()).loadAll(Files.readString(DIR.resolve(file)))) {
      if (doc == null) continue;
      assertTrue(doc instanceof Map, file + ": every document is a mapping");
      @SuppressWarnings("unchecked") Map<String, Object> m = (Map<String, Object>) doc;
      assertFalse(map(m, "metadata").containsKey("namespace"), file + ": the namespace comes from kubectl -n");
      docs.add(m);
    }
    return docs;
  }

  private static Map<String, Object> single(String file) throws IOException {
    List<Map<String, Object>> docs = all(file);
    assertEquals(1, docs.size(), file);
    return docs.get(0);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (!(v instanceof Map)) fail("expected a mapping at '" + key + "', got " + v);
    return (Map<String, Object>) v;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (!(v instanceof List)) fail("expected a list at '" + key + "', got " + v);
    return (List<Object>) v;
  }

  private static List<String> stringList(Map<String, Object> m, String key) {
    List<String> out = new ArrayList<>();
    for (Object o : list(m, key)) out.add(String.valueOf(o));
    return out;
  }

  private static void onlyKnown(Map<String, Object> m, Set<String> known, String where) {
    for (String k : m.keySet()) assertTrue(known.contains(k), where + ": '" + k + "' is not a field of the v1beta2 API");
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> u = new java.util.HashSet<>(a);
    u.addAll(b);
    return u;
  }

  /** A property of the pom's main {@code <properties>} block (the default build). */
  private static String pom(String property) throws IOException {
    Matcher m = Pattern.compile("<" + Pattern.quote(property) + ">([^<]+)</").matcher(Files.readString(PROJECT.resolve("pom.xml")));
    assertTrue(m.find(), "pom.xml has no " + property);
    return m.group(1).strip();
  }

  /** The project's own coordinate, the first one after its groupId. */
  private static String pomProject(String element) throws IOException {
    String pom = Files.readString(PROJECT.resolve("pom.xml"));
    String head = pom.substring(pom.indexOf("<groupId>dev.sparktune</groupId>"));
    Matcher m = Pattern.compile("<" + element + ">([^<]+)</").matcher(head);
    assertTrue(m.find(), element);
    return m.group(1).strip();
  }

  private static Map<String, String> dockerArgs(String dockerfile) {
    Map<String, String> args = new LinkedHashMap<>();
    Matcher m = Pattern.compile("(?m)^ARG\\s+([A-Za-z_][A-Za-z0-9_]*)=(\\S+)\\s*$").matcher(dockerfile);
    while (m.find()) args.put(m.group(1), m.group(2));
    return args;
  }

  private static String expand(String value, Map<String, String> args) {
    Matcher m = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}").matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      assertTrue(args.containsKey(m.group(1)), "undefined ARG " + m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(args.get(m.group(1))));
    }
    return m.appendTail(out).toString();
  }

  private static String copyTarget(String dockerfile) {
    String copy = lastInstruction(dockerfile, "COPY");
    String[] parts = copy.split("\\s+");
    return parts[parts.length - 1];
  }

  private static String lastInstruction(String dockerfile, String instruction) {
    String found = null;
    for (String line : dockerfile.lines().toList()) {
      if (line.startsWith(instruction + " ")) found = line.substring(instruction.length() + 1).strip();
    }
    assertNotNull(found, "no " + instruction + " in the Dockerfile");
    return found;
  }

  private static boolean globMatches(String glob, String path) {
    return path.matches(glob.replace(".", "\\.").replace("*", "[^/]*"));
  }
}
