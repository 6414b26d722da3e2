import java.nio.file.*;
import java.time.Instant;
import java.util.*;
import jdk.jfr.consumer.*;

/** java Shares.java rec.jfr FROM_EPOCH TO_EPOCH [top]: CPU sample shares by activity in a time window. */
public class Shares {
  static String cat(RecordedThread t, List<RecordedFrame> frames) {
    String tn = t == null ? "" : String.valueOf(t.getJavaName());
    StringBuilder all = new StringBuilder();
    for (RecordedFrame f : frames) {
      all.append(f.getMethod().getType().getName()).append('.').append(f.getMethod().getName()).append('\n');
    }
    String s = all.toString();
    boolean truncated = frames.size() >= 64;
    if (tn.startsWith("dag-scheduler") && (s.contains("ObjectOutputStream") || s.contains("writeObject"))
        && !s.contains("TorrentBroadcast")) return "driver: task binary serialization (lineage)";
    if (tn.startsWith("Executor task launch") && (s.contains("ObjectInputStream") || s.contains("readObject"))
        && !s.contains("org.apache.spark.ml.")) return "executor: task deserialization";
    if (s.contains("org.apache.spark.executor.Executor$TaskRunner.run")) {
      if (s.contains("JavaSerializerInstance.deserialize") || s.contains("TorrentBroadcast")) return "executor: task deserialization";
      if (s.contains("org.apache.spark.ml.") || s.contains("org.apache.spark.mllib.")) return "executor: MLlib compute";
      return "executor: other (scans, cache, shuffle)";
    }
    if (s.contains("ClosureCleaner")) return s.contains("JavaSerializerInstance.serialize") ? "driver: ClosureCleaner (serializability check)" : "driver: ClosureCleaner (clean)";
    if (s.contains("DAGScheduler.submitMissingTasks")) {
      if (s.contains("TorrentBroadcast") || s.contains("SparkContext.broadcast")) return "driver: task binary broadcast";
      if (s.contains("JavaSerializerInstance.serialize")) return "driver: task binary serialization (lineage)";
      return "driver: DAGScheduler submitMissingTasks other";
    }
    if (s.contains("TaskSetManager") || s.contains("TaskSchedulerImpl") || s.contains("TaskDescription") || s.contains("LocalEndpoint")) return "driver: task scheduling (TaskSetManager, per-task serialization)";
    if (s.contains("DAGScheduler") || s.contains("EventLoop")) return "driver: DAGScheduler other";
    if (s.contains("AsyncEventQueue") || s.contains("LiveListenerBus") || s.contains("SparkListenerBus")) {
      if (s.contains("dev.sparktune.bench")) return "listeners: benchmark meters";
      if (s.contains("AppStatusListener") || s.contains("status.")) return "listeners: Spark status store";
      return "listeners: other";
    }
    if (s.contains("dev.sparktune.bench")) return "benchmark (meters, polling)";
    if (s.contains("TorrentBroadcast") || s.contains("SparkContext.broadcast")) return "driver: broadcast (MLlib variables)";
    if (s.contains("org.apache.spark.sql.catalyst") || s.contains("org.apache.spark.sql.execution") || s.contains("QueryExecution")) return "driver: SQL planning / codegen";
    if (s.contains("org.apache.spark.ml.") || s.contains("org.apache.spark.mllib.") || s.contains("breeze.")) return "driver: MLlib (optimizer, summaries)";
    if (s.contains("dev.sparktune.")) return "driver: sparktune";
    if (s.contains("org.apache.spark.storage") || s.contains("BlockManager")) return "driver: block manager";
    if (s.contains("ContextCleaner")) return "driver: ContextCleaner";
    if (s.contains("org.apache.spark")) return "driver: spark other";
    return "other (" + tn.replaceAll("[0-9]+", "N") + ")";
  }

  public static void main(String[] a) throws Exception {
    String[] ws = a[1].split(","); double[][] win = new double[ws.length][]; for (int i = 0; i < ws.length; i++) { String[] p = ws[i].split(":"); win[i] = new double[] {Double.parseDouble(p[0]), Double.parseDouble(p[1])}; } double from = 0, to = 0;
    int top = a.length > 2 ? Integer.parseInt(a[2]) : 0;
    Map<String, Integer> n = new TreeMap<>();
    Map<String, Map<String, Integer>> leaves = new HashMap<>();
    int total = 0;
    try (RecordingFile rf = new RecordingFile(Path.of(a[0]))) {
      while (rf.hasMoreEvents()) {
        RecordedEvent e = rf.readEvent();
        if (!e.getEventType().getName().equals("jdk.ExecutionSample")) continue;
        Instant t = e.getStartTime();
        double ts = t.getEpochSecond() + t.getNano() / 1e9;
        boolean in = false; for (double[] w : win) in |= ts >= w[0] && ts <= w[1]; if (!in) continue;
        RecordedStackTrace st = e.getStackTrace();
        if (st == null) continue;
        String c = cat(e.getThread("sampledThread"), st.getFrames());
        n.merge(c, 1, Integer::sum);
        total++;
        if (top > 0) {
          // the first 3 non-JDK frames from the leaf, to see what inside a category burns
          StringBuilder k = new StringBuilder();
          String entry = "?";
          List<RecordedFrame> fr = st.getFrames();
          for (int i = fr.size() - 1; i >= 0; i--) {
            String m = fr.get(i).getMethod().getType().getName() + "." + fr.get(i).getMethod().getName();
            if (m.startsWith("org.apache.spark.ml.") && !m.startsWith("org.apache.spark.ml.util.Instrumentation")) { entry = m; }
          }
          k.append("[").append(entry).append("] ");
          int got = 0;
          for (RecordedFrame f : st.getFrames()) {
            String m = f.getMethod().getType().getName() + "." + f.getMethod().getName();
            if (got == 0 || !m.startsWith("java.")) { k.append(got == 0 ? "" : " < ").append(m); got++; }
            if (got == 4) break;
          }
          leaves.computeIfAbsent(c, x -> new HashMap<>()).merge(k.toString(), 1, Integer::sum);
        }
      }
    }
    System.out.printf("samples %d in [%.1f, %.1f]%n", total, from, to);
    final int tot = total;
    n.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).forEach(en -> {
      System.out.printf("%6.1f %%  %6d  %s%n", 100.0 * en.getValue() / tot, en.getValue(), en.getKey());
      if (top > 0) leaves.get(en.getKey()).entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(top)
          .forEach(l -> System.out.printf("            %5.1f %%  %s%n", 100.0 * l.getValue() / tot, l.getKey()));
    });
  }
}
