package dev.sparktune.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link JournalBackend} must do, run against each implementation (in memory, and a
 * Hadoop FileSystem in {@code store.hadoop}): the journal and lease above it rely on nothing else.
 */
public abstract class JournalBackendContract {
  /** A backend over a directory that does not exist yet. */
  protected abstract JournalBackend fresh();

  @Test
  void aMissingDirectoryIsEmpty() {
    JournalBackend b = fresh();
    assertEquals(List.of(), b.list());
    assertEquals(Optional.empty(), b.read("segment-0.jsonl"));
  }

  @Test
  void writeReplacesTheWholeFile() {
    JournalBackend b = fresh();
    b.write("a.jsonl", "one\ntwo\n");
    b.write("a.jsonl", "three\n");
    assertEquals(Optional.of("three\n"), b.read("a.jsonl"));
    assertEquals(List.of("a.jsonl"), b.list());
  }

  @Test
  void createSucceedsOnlyForANewNameAndKeepsTheFirstContent() {
    JournalBackend b = fresh();
    assertTrue(b.create("lease.json", "first"));
    assertFalse(b.create("lease.json", "second"));
    assertEquals(Optional.of("first"), b.read("lease.json"));
  }

  @Test
  void deleteRemovesAndToleratesAMissingFile() {
    JournalBackend b = fresh();
    b.write("a.jsonl", "x");
    b.write("b.jsonl", "y");
    b.delete("a.jsonl");
    b.delete("a.jsonl");
    b.delete("never-written");
    assertEquals(List.of("b.jsonl"), b.list());
    assertEquals(Optional.empty(), b.read("a.jsonl"));
    assertTrue(b.create("a.jsonl", "again"), "a deleted name can be created again");
  }

  @Test
  void listNamesEveryFileOnce() {
    JournalBackend b = fresh();
    for (int i = 0; i < 5; i++) b.write("segment-" + i + ".jsonl", "line " + i + "\n");
    b.create("lease.json", "{}");
    assertEquals(List.of("lease.json", "segment-0.jsonl", "segment-1.jsonl", "segment-2.jsonl", "segment-3.jsonl",
        "segment-4.jsonl"), b.list().stream().sorted().toList());
  }

  @Test
  void contentIsKeptExactly() {
    JournalBackend b = fresh();
    String text = "{\"param\":\"<ü ✓ \\\"q\\\">\"}\n\n  trailing spaces  \n";
    b.write("a.jsonl", text);
    assertEquals(Optional.of(text), b.read("a.jsonl"));
    assertFalse(b.location().isBlank());
  }
}
