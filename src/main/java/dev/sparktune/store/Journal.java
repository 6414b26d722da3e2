package dev.sparktune.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An append-only log of {@link JournalEvent}s kept as immutable segment files, because object
 * stores cannot append: every {@link #append} writes one new file
 * {@code segment-<first seq>-<last seq>.jsonl} holding a batch of lines, each carrying its
 * sequence number. When there are more than {@code compactAbove} segments they are merged into
 * one; the merged file is written before the merged-away ones are deleted, so a crash in between
 * leaves both, and {@link #replay} reads every sequence number once (a file that starts at or
 * before what was already read adds only what is new).
 *
 * <p>A line that does not decode at the end of a segment is a write torn by a killed driver: it
 * is skipped with a warning and everything before it is kept. The same in the middle of a
 * segment is damage no crash explains, and replay refuses it, naming the file and line.
 */
public final class Journal {
  static final String PREFIX = "segment-";
  static final String SUFFIX = ".jsonl";
  private static final Pattern NAME = Pattern.compile("segment-(\\d+)-(\\d+)\\.jsonl");

  record Segment(String name, long first, long last) {
    static Optional<Segment> parse(String name) {
      Matcher m = NAME.matcher(name);
      return m.matches() ? Optional.of(new Segment(name, Long.parseLong(m.group(1)), Long.parseLong(m.group(2))))
          : Optional.empty();
    }

    static String name(long first, long last) {
      return String.format(Locale.ROOT, "%s%012d-%012d%s", PREFIX, first, last, SUFFIX);
    }
  }

  private final JournalBackend backend;
  private final int compactAbove;
  private final Consumer<String> warn;
  private final BooleanSupplier writable;
  private long nextSeq = -1;
  // Counted here rather than listed after every append: a listing costs a round trip on object stores.
  private int segmentCount = -1;

  /**
   * @param compactAbove merge all segments into one once there are more than this many (>= 2)
   * @param warn where torn records and other recoverable findings are reported
   */
  public Journal(JournalBackend backend, int compactAbove, Consumer<String> warn) {
    this(backend, compactAbove, warn, () -> true);
  }

  /**
   * @param writable false once this driver may no longer write (it lost the study's {@link Lease}):
   *     two drivers appending to one journal would overwrite each other's segments
   */
  public Journal(JournalBackend backend, int compactAbove, Consumer<String> warn, BooleanSupplier writable) {
    if (compactAbove < 2) throw new IllegalArgumentException("compactAbove must be >= 2, got " + compactAbove);
    this.backend = Objects.requireNonNull(backend);
    this.compactAbove = compactAbove;
    this.warn = Objects.requireNonNull(warn);
    this.writable = Objects.requireNonNull(writable);
  }

  /** Every event recorded so far, in order, each once. Must be called before the first append. */
  public synchronized List<JournalEvent> replay() {
    List<JournalEvent> events = new ArrayList<>();
    for (JournalCodec.Entry e : entries()) events.add(e.event());
    return events;
  }

  /** True if no segment exists yet: a fresh study. */
  public synchronized boolean isEmpty() {
    return segments().isEmpty();
  }

  /**
   * Writes {@code events} as one new segment and returns only once it is durable, so a caller
   * that updates its in-memory view afterwards never counts what a crash could lose.
   */
  public synchronized void append(List<JournalEvent> events) {
    if (events.isEmpty()) return;
    if (!writable.getAsBoolean()) {
      throw new IllegalStateException("journal " + backend.location() + ": this driver lost the study's lock to "
          + "another one; stopping rather than write the same journal twice");
    }
    if (nextSeq < 0 || segmentCount < 0) {
      List<Segment> existing = segments();
      nextSeq = Math.max(nextSeq, existing.stream().mapToLong(s -> s.last + 1).max().orElse(0));
      segmentCount = existing.size();
    }
    long first = nextSeq;
    StringBuilder sb = new StringBuilder();
    for (JournalEvent e : events) sb.append(JournalCodec.encode(nextSeq++, e)).append('\n');
    backend.write(Segment.name(first, nextSeq - 1), sb.toString());
    if (++segmentCount > compactAbove) compact();
  }

  /** Merges every segment into one; a no-op for one or none. Safe to interrupt at any point. */
  public synchronized void compact() {
    List<Segment> all = segments();
    if (all.size() < 2) return;
    StringBuilder sb = new StringBuilder();
    for (JournalCodec.Entry e : entries()) sb.append(JournalCodec.encode(e.seq(), e.event())).append('\n');
    String merged = Segment.name(all.get(0).first, all.stream().mapToLong(Segment::last).max().orElseThrow());
    backend.write(merged, sb.toString());
    for (Segment s : all) if (!s.name.equals(merged)) backend.delete(s.name);
    segmentCount = 1;
  }

  public String location() {
    return backend.location();
  }

  /** Segments by first sequence number, the widest first, so a merged file is read before its parts. */
  private List<Segment> segments() {
    List<Segment> list = new ArrayList<>();
    for (String name : backend.list()) Segment.parse(name).ifPresent(list::add);
    list.sort(Comparator.comparingLong(Segment::first).thenComparing(Comparator.comparingLong(Segment::last).reversed()));
    return list;
  }

  private List<JournalCodec.Entry> entries() {
    List<JournalCodec.Entry> out = new ArrayList<>();
    long seen = -1;
    long claimed = -1;
    for (Segment s : segments()) {
      String content = backend.read(s.name).orElse("");
      List<String> lines = content.lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).isBlank()) continue;
        JournalCodec.Entry e;
        try {
          e = JournalCodec.decode(lines.get(i));
        } catch (RuntimeException ex) {
          String where = backend.location() + "/" + s.name + " line " + (i + 1);
          if (i == lines.size() - 1) {
            warn.accept("journal: ignoring a torn last record at " + where + " (" + ex.getMessage()
                + "); the driver was probably killed while writing it");
            continue;
          }
          throw new IllegalStateException("journal " + where + " is damaged: " + ex.getMessage());
        }
        // Already read from a wider (merged) segment: a compaction was interrupted before cleanup.
        if (e.seq() <= seen) continue;
        seen = e.seq();
        out.add(e);
      }
      claimed = Math.max(claimed, s.last);
    }
    if (nextSeq < 0) nextSeq = claimed + 1;
    return out;
  }
}
