import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Slot use of one Spark application from its event log: the task time its executors ran, over
 * the task slots they offered (executor cores) for as long as tasks ran (first launch to last
 * finish). Run with Spark's jars on the classpath (Jackson): java -cp CP SlotUse.java EVENT_LOG...
 * (a rolling event log is several files: give them all).
 * Prints "slots=<cores> taskSeconds=<s> spanSeconds=<s> use=<0..1> tasks=<n>".
 */
public class SlotUse {
  public static void main(String[] args) throws Exception {
    ObjectMapper json = new ObjectMapper();
    long cores = 0;
    long tasks = 0;
    long taskMillis = 0;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (String file : args) {
      // Spark 4 compresses event logs with zstd by default (zstd-jni is among Spark's jars).
      InputStream raw = Files.newInputStream(Path.of(file));
      InputStream data = file.endsWith(".zstd") ? new com.github.luben.zstd.ZstdInputStream(raw) : raw;
      try (BufferedReader in = new BufferedReader(new InputStreamReader(data, StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        JsonNode e = json.readTree(line);
        switch (e.path("Event").asText()) {
          case "SparkListenerExecutorAdded" -> cores += e.path("Executor Info").path("Total Cores").asLong();
          case "SparkListenerTaskEnd" -> {
            JsonNode t = e.path("Task Info");
            long start = t.path("Launch Time").asLong();
            long end = t.path("Finish Time").asLong();
            if (end <= 0) continue;
            tasks++;
            taskMillis += end - start;
            first = Math.min(first, start);
            last = Math.max(last, end);
          }
          default -> { }
        }
      }
      }
    }
    double span = tasks == 0 ? 0 : (last - first) / 1000.0;
    double use = cores == 0 || span == 0 ? 0 : taskMillis / 1000.0 / (cores * span);
    System.out.printf(java.util.Locale.ROOT, "slots=%d taskSeconds=%.1f spanSeconds=%.1f use=%.3f tasks=%d%n",
        cores, taskMillis / 1000.0, span, use, tasks);
  }
}
