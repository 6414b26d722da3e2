package dev.sparktune.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JournalTest {
  private final InMemoryJournalBackend backend = new InMemoryJournalBackend();
  private final List<String> warnings = new ArrayList<>();

  private Journal journal(int compactAbove) {
    return new Journal(backend, compactAbove, warnings::add);
  }

  private static JournalEvent event(int i) {
    return new JournalEvent.Restarted(i, Instant.ofEpochSecond(i));
  }

  private static List<JournalEvent> events(int from, int to) {
    return IntStream.range(from, to).mapToObj(JournalTest::event).map(JournalEvent.class::cast).toList();
  }

  @Test
  void eachAppendIsOneSegmentAndReplayKeepsOrder() {
    Journal j = journal(100);
    assertTrue(j.isEmpty());
    j.append(events(0, 3));
    j.append(events(3, 4));
    j.append(events(4, 9));
    assertEquals(List.of("segment-000000000000-000000000002.jsonl", "segment-000000000003-000000000003.jsonl",
        "segment-000000000004-000000000008.jsonl"), backend.list());
    assertEquals(events(0, 9), journal(100).replay());
    assertEquals(List.of(), warnings);
  }

  @Test
  void aReopenedJournalContinuesTheSequence() {
    journal(100).append(events(0, 2));
    Journal again = journal(100);
    assertEquals(events(0, 2), again.replay());
    again.append(events(2, 3));
    assertEquals(events(0, 3), journal(100).replay());
  }

  @Test
  void aTornLastRecordIsIgnoredWithAWarningAndNothingBeforeItIsLost() {
    Journal j = journal(100);
    j.append(events(0, 2));
    j.append(events(2, 5));
    String last = backend.list().get(1);
    String content = backend.read(last).orElseThrow();
    backend.write(last, content.substring(0, content.length() - 12));   // the driver died mid-line
    Journal reopened = journal(100);
    assertEquals(events(0, 4), reopened.replay());
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).contains("torn last record") && warnings.get(0).contains(last), warnings.get(0));
    // Appending after it works, and the torn segment stays readable on every later replay.
    reopened.append(events(10, 11));
    List<JournalEvent> expected = new ArrayList<>(events(0, 4));
    expected.add(event(10));
    assertEquals(expected, journal(100).replay());
  }

  @Test
  void aDamagedRecordInTheMiddleIsRefusedNamingFileAndLine() {
    journal(100).append(events(0, 3));
    String name = backend.list().get(0);
    List<String> lines = new ArrayList<>(backend.read(name).orElseThrow().lines().toList());
    lines.set(1, "{\"v\":1,\"seq\":");
    backend.write(name, String.join("\n", lines) + "\n");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> journal(100).replay());
    assertTrue(e.getMessage().contains(name + " line 2"), e.getMessage());
  }

  @Test
  void compactionMergesIntoOneSegmentKeepingOrder() {
    Journal j = journal(3);
    for (int i = 0; i < 10; i++) j.append(events(i, i + 1));
    // At most 3 segments of each size tier (1-2, 3-8 and 9-26 events): 10 appends left 4, not 10.
    assertTrue(backend.list().size() <= 4, backend.list().toString());
    assertEquals(events(0, 10), journal(3).replay());
    j.compact();
    assertEquals(List.of("segment-000000000000-000000000009.jsonl"), backend.list());
    assertEquals(events(0, 10), journal(3).replay());
  }

  @Test
  void aCompactionInterruptedBeforeCleanupReplaysEveryEventOnce() {
    Journal j = journal(100);
    for (int i = 0; i < 4; i++) j.append(events(i * 2, i * 2 + 2));
    List<String> parts = backend.list();
    // The merged file is written, then the driver dies before deleting its parts.
    InMemoryJournalBackend copy = new InMemoryJournalBackend();
    parts.forEach(p -> copy.write(p, backend.read(p).orElseThrow()));
    new Journal(copy, 100, warnings::add).compact();
    String merged = copy.list().get(0);
    backend.write(merged, copy.read(merged).orElseThrow());
    assertEquals(5, backend.list().size());
    assertEquals(events(0, 8), journal(100).replay());
    Journal reopened = journal(100);
    reopened.replay();
    reopened.append(events(8, 9));
    reopened.compact();
    assertEquals(1, backend.list().size());
    assertEquals(events(0, 9), journal(100).replay());
  }

  @Test
  void aDriverThatLostTheLockWritesNothingMore() {
    boolean[] mine = {true};
    Journal j = new Journal(backend, 100, warnings::add, () -> mine[0]);
    j.append(events(0, 1));
    mine[0] = false;
    assertThrows(IllegalStateException.class, () -> j.append(events(1, 2)));
    assertEquals(events(0, 1), journal(100).replay());
  }

  @Test
  void otherFilesInTheDirectoryAreNotSegments() {
    backend.write("lease.json", "{}");
    backend.write("segment-notes.txt", "x");
    journal(100).append(events(0, 1));
    assertEquals(events(0, 1), journal(100).replay());
  }

  /** Three segments: events 0-1, 2-4 and 5; returns the middle one's name. */
  private String threeSegments() {
    Journal j = journal(100);
    j.append(events(0, 2));
    j.append(events(2, 5));
    j.append(events(5, 6));
    return backend.list().get(1);
  }

  @Test
  void aTornRecordThatIsNotTheLastOfTheLastSegmentIsDamage() {
    String middle = threeSegments();
    String content = backend.read(middle).orElseThrow();
    backend.write(middle, content.substring(0, content.length() - 12));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> journal(100).replay());
    assertTrue(e.getMessage().contains(middle + " line 3") && e.getMessage().contains("damaged"), e.getMessage());
    assertEquals(List.of(), warnings, "damage is not forgiven as a torn record");
  }

  @Test
  void aMissingSegmentIsDamageNamingTheEventsThatAreMissing() {
    String middle = threeSegments();
    backend.delete(middle);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> journal(100).replay());
    assertTrue(e.getMessage().contains("events 2\u20134 are missing"), e.getMessage());
  }

  @Test
  void aSegmentThatEndsBeforeItsNameSaysIsTruncated() {
    String middle = threeSegments();
    backend.write(middle, backend.read(middle).orElseThrow().lines().findFirst().orElseThrow() + "\n");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> journal(100).replay());
    assertTrue(e.getMessage().contains(middle) && e.getMessage().contains("is truncated"), e.getMessage());
    // The last segment too: losing whole records is no kill's doing, only a torn last one is.
    InMemoryJournalBackend other = new InMemoryJournalBackend();
    new Journal(other, 100, warnings::add).append(events(0, 2));
    new Journal(other, 100, warnings::add).append(events(2, 5));
    String last = other.list().get(1);
    other.write(last, other.read(last).orElseThrow().lines().findFirst().orElseThrow() + "\n");
    e = assertThrows(IllegalStateException.class, () -> new Journal(other, 100, warnings::add).replay());
    assertTrue(e.getMessage().contains(last) && e.getMessage().contains("is truncated"), e.getMessage());
  }

  @Test
  void theIntactEventsBeforeDamageAreWhatRecoveryContinuesFrom() {
    String middle = threeSegments();
    List<String> lines = new ArrayList<>(backend.read(middle).orElseThrow().lines().toList());
    lines.set(1, "{\"v\":1,\"seq\":");
    backend.write(middle, String.join("\n", lines) + "\n");
    JournalDamaged e = assertThrows(JournalDamaged.class, () -> journal(100).replay());
    assertEquals(3, e.intact(), "events 0-2 precede the bad line");
    assertEquals(events(0, 3), journal(100).intactEvents());
  }

  @Test
  void aTornLastRecordIsRewrittenByTheNextRunSoCompactionLeavesNoGap() {
    Journal j = journal(100);
    j.append(events(0, 2));
    j.append(events(2, 5));
    String last = backend.list().get(1);
    String content = backend.read(last).orElseThrow();
    backend.write(last, content.substring(0, content.length() - 12));
    Journal resumed = journal(100);
    assertEquals(events(0, 4), resumed.replay());
    resumed.append(events(7, 8));
    resumed.compact();
    List<JournalEvent> expected = new ArrayList<>(events(0, 4));
    expected.add(event(7));
    assertEquals(expected, journal(100).replay());
    assertEquals(List.of("segment-000000000000-000000000004.jsonl"), backend.list(), "the torn record's number is reused");
  }

  /** A backend that counts the lines written and read, the work compaction does. */
  private static final class Counting implements JournalBackend {
    final InMemoryJournalBackend inner = new InMemoryJournalBackend();
    long linesWritten;
    long linesRead;

    @Override
    public List<String> list() {
      return inner.list();
    }

    @Override
    public java.util.Optional<String> read(String name) {
      java.util.Optional<String> text = inner.read(name);
      linesRead += text.map(t -> t.lines().count()).orElse(0L);
      return text;
    }

    @Override
    public void write(String name, String content) {
      linesWritten += content.lines().count();
      inner.write(name, content);
    }

    @Override
    public boolean create(String name, String content) {
      return inner.create(name, content);
    }

    @Override
    public void delete(String name) {
      inner.delete(name);
    }

    @Override
    public String location() {
      return inner.location();
    }
  }

  @Test
  void aLongJournalIsRewrittenAFewTimesNotOncePerMergeAndStaysAFewDozenFiles() {
    Counting counting = new Counting();
    Journal j = new Journal(counting, 32, warnings::add);
    int n = 30_000;   // about 10,000 trials' events
    for (int i = 0; i < n; i++) j.append(events(i, i + 1));
    // Merging everything every 32 appends rewrote the whole journal each time: ~n²/64 = 14 million lines.
    assertTrue(counting.linesWritten <= 5L * n, "lines written: " + counting.linesWritten);
    // The tail merges take the small segments' text from memory: below tier 2 (1,024 events a
    // segment), which is every merge before ~33,000 events.
    assertEquals(0, counting.linesRead, "lines read back while appending");
    assertTrue(counting.list().size() <= 3 * 32, "segments: " + counting.list().size());
    long read0 = counting.linesRead;
    assertEquals(events(0, n), new Journal(counting, 32, warnings::add).replay());
    assertEquals(n, counting.linesRead - read0, "a replay reads each event once");
    assertEquals(List.of(), warnings);
  }

  @Test
  void aTornRecordInsideTheTailIsLeftToTheFullMerge() {
    Journal j = journal(3);
    j.append(events(0, 2));
    j.append(events(2, 5));
    String last = backend.list().get(1);
    String content = backend.read(last).orElseThrow();
    backend.write(last, content.substring(0, content.length() - 12));
    Journal resumed = journal(3);
    assertEquals(events(0, 4), resumed.replay());
    for (int i = 10; i < 20; i++) resumed.append(events(i, i + 1));
    List<JournalEvent> expected = new ArrayList<>(events(0, 4));
    expected.addAll(events(10, 20));
    assertEquals(expected, journal(3).replay());
    assertTrue(backend.list().size() <= 6, backend.list().toString());
  }

  @Test
  void segmentsAnEarlierRunWroteAreReadBackWhenTheTailMergesThem() {
    Counting counting = new Counting();
    Journal first = new Journal(counting, 4, warnings::add);
    for (int i = 0; i < 13; i++) first.append(events(i, i + 1));
    Journal second = new Journal(counting, 4, warnings::add);
    assertEquals(events(0, 13), second.replay());
    long read0 = counting.linesRead;
    for (int i = 13; i < 40; i++) second.append(events(i, i + 1));
    assertTrue(counting.linesRead > read0, "the first run's segments are read to be merged");
    assertEquals(events(0, 40), new Journal(counting, 4, warnings::add).replay());
    assertTrue(counting.list().size() <= 3 * 4, counting.list().toString());
    assertEquals(List.of(), warnings);
  }

  @Test
  void segmentNamesArePaddedToTwelveDigits() {
    for (long[] p : new long[][] {{0, 0}, {7, 123}, {999_999_999_999L, 1_000_000_000_000L}, {123_456_789L, 987_654_321_012_345L}}) {
      assertEquals(String.format(java.util.Locale.ROOT, "segment-%012d-%012d.jsonl", p[0], p[1]),
          Journal.Segment.name(p[0], p[1]));
    }
  }
}
