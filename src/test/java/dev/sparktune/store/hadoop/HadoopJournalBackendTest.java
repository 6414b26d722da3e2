package dev.sparktune.store.hadoop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.space.Assignment;
import dev.sparktune.store.Journal;
import dev.sparktune.store.JournalTrialStore;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Lineage;
import dev.sparktune.trial.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal on Hadoop's local FileSystem, without Spark: what runs on HDFS or S3A goes through the same calls. */
class HadoopJournalBackendTest {
  @TempDir Path dir;

  private HadoopJournalBackend backend(String sub) {
    return new HadoopJournalBackend(dir.resolve(sub).toString(), new Configuration());
  }

  @Test
  void filesAreWrittenWholeAndListedWithoutTemporaries() throws Exception {
    HadoopJournalBackend b = backend("journal");
    assertEquals(List.of(), b.list());
    assertEquals(Optional.empty(), b.read("x"));
    b.write("a.jsonl", "one\n");
    b.write("a.jsonl", "two\n");
    assertEquals(Optional.of("two\n"), b.read("a.jsonl"));
    Files.writeString(dir.resolve("journal/.b.jsonl.1234.tmp"), "half");
    assertEquals(List.of("a.jsonl"), b.list());
    assertTrue(b.create("lease.json", "me"));
    assertFalse(b.create("lease.json", "you"));
    assertEquals(Optional.of("me"), b.read("lease.json"));
    b.delete("lease.json");
    b.delete("lease.json");
    assertEquals(List.of("a.jsonl"), b.list());
  }

  @Test
  void aStoreOnTheLocalFileSystemReplaysAfterCompactionAndATornRecord() throws Exception {
    List<String> warnings = new ArrayList<>();
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    JournalTrialStore s = JournalTrialStore.open(new Journal(backend("out/journal"), 4, warnings::add));
    for (int i = 0; i < 6; i++) {
      s.create(Assignment.of(Map.of("maxDepth", (long) i, "impurity", "gini")), Budget.full(), Lineage.root(i), t);
      s.finish(i, new Outcome.Completed(0.5 + i / 100.0, List.of(0.5, 0.5 + i / 50.0), 1.5), t.plusSeconds(i));
    }
    s.create(Assignment.of(Map.of("maxDepth", 9L, "impurity", "entropy")), Budget.full(), Lineage.root(6), t);
    long segments;
    try (var files = Files.list(dir.resolve("out/journal"))) {
      segments = files.filter(p -> p.getFileName().toString().startsWith("segment-")).count();
    }
    // 13 events: at most 4 segments of 1-3 events and 4 of 4-15 (a size tier each).
    assertTrue(segments <= 2 * 4, "compacted to " + segments);
    assertEquals(s.trials(), JournalTrialStore.open(new Journal(backend("out/journal"), 4, warnings::add)).trials());

    // Cut the newest segment's last line short, as a kill during the write would.
    Path newest;
    try (var files = Files.list(dir.resolve("out/journal"))) {
      newest = files.filter(p -> p.getFileName().toString().startsWith("segment-")).sorted().reduce((a, b) -> b).orElseThrow();
    }
    String content = Files.readString(newest).strip();
    Files.writeString(newest, content.substring(0, content.length() - 7));
    JournalTrialStore again = JournalTrialStore.open(new Journal(backend("out/journal"), 4, warnings::add));
    assertEquals(s.trials().subList(0, 6), again.trials());
    assertEquals(1, warnings.size(), warnings.toString());
  }
}
