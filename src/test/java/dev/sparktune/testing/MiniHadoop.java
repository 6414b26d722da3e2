package dev.sparktune.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;

/**
 * A real HDFS (one NameNode, one DataNode) and a real YARN (one ResourceManager with the default
 * CapacityScheduler, one NodeManager launching containers as processes of this user), in this JVM,
 * from Hadoop's own minicluster artifact. {@link #confDir()} holds core-site.xml and yarn-site.xml
 * for {@code HADOOP_CONF_DIR}, so {@code spark-submit --master yarn} in another process finds both,
 * as on a gateway host.
 */
public final class MiniHadoop implements AutoCloseable {
  private final MiniDFSCluster dfs;
  private final MiniYARNCluster yarn;
  private final Path confDir;
  private final Configuration conf;

  private MiniHadoop(MiniDFSCluster dfs, MiniYARNCluster yarn, Path confDir, Configuration conf) {
    this.dfs = dfs;
    this.yarn = yarn;
    this.confDir = confDir;
    this.conf = conf;
  }

  /** Starts HDFS, then YARN on it, and writes their client configuration under {@code base/conf}. */
  public static MiniHadoop start(Path base) throws Exception {
    Configuration hdfsConf = new Configuration();
    hdfsConf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.resolve("hdfs").toString());
    MiniDFSCluster dfs = new MiniDFSCluster.Builder(hdfsConf).numDataNodes(1).build();
    dfs.waitActive();
    String defaultFs = dfs.getFileSystem().getUri().toString();

    YarnConfiguration yc = new YarnConfiguration();
    yc.set("fs.defaultFS", defaultFs);
    // A shared build machine's disk may be fuller than YARN's 90 % health threshold.
    yc.set("yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage", "100.0");
    yc.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 64);
    yc.setInt(YarnConfiguration.NM_PMEM_MB, 8192);
    yc.setInt(YarnConfiguration.NM_VCORES, 4);
    // JVMs reserve far more virtual memory than they use; YARN's checks would kill every container.
    yc.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
    yc.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
    // The CapacityScheduler gives application masters 10 % of the cluster by default: less than one
    // Spark AM container (driver memory + overhead) on an 8 GB node, and a second attempt must fit too.
    yc.set("yarn.scheduler.capacity.maximum-am-resource-percent", "0.5");
    // The minicluster jar ships no capacity-scheduler.xml, so the CapacityScheduler has no queues:
    // declare the one a stock install has.
    yc.set("yarn.scheduler.capacity.root.queues", "default");
    yc.set("yarn.scheduler.capacity.root.default.capacity", "100");
    yc.set("yarn.scheduler.capacity.root.default.maximum-capacity", "100");
    yc.setInt(YarnConfiguration.RM_AM_MAX_ATTEMPTS, 2);
    yc.set("yarn.nodemanager.log-dirs", base.resolve("yarn-logs").toString());
    MiniYARNCluster yarn = new MiniYARNCluster("sparktune-it", 1, 1, 1);
    yarn.init(yc);
    yarn.start();
    Configuration live = yarn.getConfig();
    // The RM publishes its bound port into the config once it listens.
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (live.get(YarnConfiguration.RM_ADDRESS, "").endsWith(":0")) {
      if (Instant.now().isAfter(deadline)) throw new IllegalStateException("the ResourceManager did not publish its address");
      Thread.sleep(100);
    }
    Path confDir = Files.createDirectories(base.resolve("conf"));
    Configuration core = new Configuration(false);
    core.set("fs.defaultFS", defaultFs);
    write(core, confDir.resolve("core-site.xml"));
    write(live, confDir.resolve("yarn-site.xml"));
    Configuration client = new Configuration(live);
    client.set("fs.defaultFS", defaultFs);
    return new MiniHadoop(dfs, yarn, confDir, client);
  }

  private static void write(Configuration c, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      c.writeXml(out);
    }
  }

  /** The directory to give spark-submit as HADOOP_CONF_DIR. */
  public Path confDir() {
    return confDir;
  }

  /** A client configuration for this HDFS and YARN. */
  public Configuration conf() {
    return new Configuration(conf);
  }

  /** The default FileSystem, HDFS. */
  public FileSystem fs() throws IOException {
    return FileSystem.get(conf());
  }

  /** {@code hdfs://host:port} of the NameNode. */
  public String hdfsUri() {
    return conf.get("fs.defaultFS");
  }

  public MiniYARNCluster yarn() {
    return yarn;
  }

  @Override
  public void close() {
    try {
      yarn.stop();
    } finally {
      dfs.shutdown();
    }
  }
}
