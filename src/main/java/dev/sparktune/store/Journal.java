package dev.sparktune.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
 * sequence number. When the newest segments of a size tier number more than {@code compactAbove}
 * they are merged into one (see {@link #compactTail}); the merged file is written before the merged-away ones are deleted, so a crash in between
 * leaves both, and {@link #replay} reads every sequence number once (a file that starts at or
 * before what was already read adds only what is new).
 *
 * <p>Segments are written whole and renamed into place, so a kill can tear at most the last
 * record of the last segment (on a FileSystem whose writes are not atomic): that one is skipped
 * with a warning, and the next run writes its sequence number again. Anything else — a line that
 * does not decode elsewhere, a sequence number that is missing, a segment that ends before its
 * name says — is damage no crash explains: replay refuses it with {@link JournalDamaged}, naming
 * the file and line or the missing events, and {@link #intactEvents} gives what precedes it.
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
      // Not String.format: a name is built for every append, and format's parsing showed in profiles.
      StringBuilder sb = new StringBuilder(PREFIX.length() + 25 + SUFFIX.length()).append(PREFIX);
      padded(sb, first).append('-');
      return padded(sb, last).append(SUFFIX).toString();
    }

    /** {@code n} in at least 12 digits, zero-padded, as %012d writes it. */
    private static StringBuilder padded(StringBuilder sb, long n) {
      if (n < 0) throw new IllegalArgumentException("negative sequence number " + n);
      String digits = Long.toString(n);
      for (int i = digits.length(); i < 12; i++) sb.append('0');
      return sb.append(digits);
    }
  }

  private final JournalBackend backend;
  private final int compactAbove;
  private final Consumer<String> warn;
  private final BooleanSupplier writable;
  private long nextSeq = -1;
  // The segments on the backend, sorted as segments() sorts them: kept here rather than listed
  // after every append, since a listing costs a round trip on object stores. Null until needed.
  private List<Segment> known;
  // The text of the small segments this journal wrote itself, by name: the tail merges read them
  // from here instead of the backend, and need not decode them (they are known to hold
  // exactly their events, in order). Only segments below TEXT_TIERS, so it stays small.
  private final Map<String, String> written = new HashMap<>();
  private static final int TEXT_TIERS = 2;

  /**
   * @param compactAbove merge the newest segments of a size tier into one once there are more than
   *     this many (>= 2)
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

  /**
   * Every event recorded so far, in order, each once. Must be called before the first append.
   *
   * @throws JournalDamaged if the journal holds damage a crash cannot explain
   */
  public synchronized List<JournalEvent> replay() {
    Read read = read();
    if (read.damage() != null) throw read.damage();
    return read.events();
  }

  /** The events before the first damage (all of them for an intact journal): what a recovery continues from. */
  public synchronized List<JournalEvent> intactEvents() {
    return read().events();
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
    if (nextSeq < 0 || known == null) {
      List<Segment> existing = segments();
      // After a replay, nextSeq follows the last event read, so the number of a torn last record is
      // written again (and the torn line is known to be superseded); unreplayed, it follows every name.
      if (nextSeq < 0) nextSeq = existing.stream().mapToLong(s -> s.last + 1).max().orElse(0);
      known = new ArrayList<>(existing);
    }
    long first = nextSeq;
    StringBuilder sb = new StringBuilder();
    for (JournalEvent e : events) sb.append(JournalCodec.encode(nextSeq++, e)).append('\n');
    String name = Segment.name(first, nextSeq - 1);
    String text = sb.toString();
    backend.write(name, text);
    remember(new Segment(name, first, nextSeq - 1), text);
    compactTail();
  }

  /**
   * Merges the newest segments, tier by tier, so that each event is rewritten a few times in a
   * study's life rather than once per merge. A segment's tier is ⌊log_T(events it spans)⌋ with T
   * = {@code compactAbove}; whenever more than T segments of tier k are among the trailing
   * segments of tier ≤ k, those trailing segments become one (of a higher tier). So there are at most about T segments per tier (a
   * 30,000-event journal is a few dozen files) and each event is rewritten once per tier:
   * O(n log n) in all. Merging everything every T appends, as before, rewrote the whole journal
   * each time: O(n²), most of the overhead benchmark's time at 1,000 trials.
   */
  private void compactTail() {
    for (int k = 0; ; k++) {
      int from = known.size();
      int atK = 0;
      for (; from > 0 && tier(known.get(from - 1)) <= k; from--) if (tier(known.get(from - 1)) == k) atK++;
      if (atK > compactAbove) {
        if (!mergeTail(from)) {
          compact();   // something irregular in the tail: the full merge knows every case
          return;
        }
        k = -1;   // a merge may fill the tier above
        continue;
      }
      if (from == 0) return;
    }
  }

  private int tier(Segment s) {
    long width = s.last - s.first + 1;
    int t = 0;
    for (long w = compactAbove; w <= width; w *= compactAbove) t++;
    return t;
  }

  /**
   * Merges {@code known[from..]} into one segment; false (nothing written) if they are not one
   * gap-free, fully decodable run of events, which the full {@link #compact} then handles.
   */
  private boolean mergeTail(int from) {
    List<Segment> run = List.copyOf(known.subList(from, known.size()));
    long first = run.get(0).first;
    long claimed = run.stream().mapToLong(Segment::last).max().orElseThrow();
    long seen = first - 1;
    StringBuilder sb = new StringBuilder();
    for (Segment s : run) {
      String mine = written.get(s.name);
      if (mine != null && s.first == seen + 1) {
        sb.append(mine);
        seen = s.last;
        continue;
      }
      Optional<String> text = mine != null ? Optional.of(mine) : backend.read(s.name);
      if (text.isEmpty()) return false;
      for (String line : text.get().lines().toList()) {
        if (line.isBlank()) continue;
        long seq;
        try {
          seq = JournalCodec.decode(line).seq();
        } catch (RuntimeException e) {
          return false;
        }
        if (seq <= seen) continue;   // read already from a wider segment
        if (seq != seen + 1 || seq > s.last) return false;
        seen = seq;
        sb.append(line).append('\n');
      }
    }
    if (seen != claimed) return false;
    String merged = Segment.name(first, seen);
    String text = sb.toString();
    backend.write(merged, text);
    for (Segment s : run) {
      if (s.name.equals(merged)) continue;
      backend.delete(s.name);
      written.remove(s.name);
    }
    known.subList(from, known.size()).clear();
    remember(new Segment(merged, first, seen), text);
    return true;
  }

  /** Adds a segment this journal just wrote to {@code known}, and its text to {@code written} if it is small. */
  private void remember(Segment s, String text) {
    known.add(s);
    if (tier(s) < TEXT_TIERS) written.put(s.name, text);
    else written.remove(s.name);
  }

  /** Merges every segment into one; a no-op for one or none. Safe to interrupt at any point. */
  public synchronized void compact() {
    List<Segment> all = segments();
    if (all.size() < 2) return;
    Read read = read();
    if (read.damage() != null) throw read.damage();
    if (read.entries().isEmpty()) return;
    StringBuilder sb = new StringBuilder();
    for (JournalCodec.Entry e : read.entries()) sb.append(JournalCodec.encode(e.seq(), e.event())).append('\n');
    // Named by what it holds: a torn last record it left out is not claimed.
    String merged = Segment.name(read.entries().get(0).seq(), read.entries().get(read.entries().size() - 1).seq());
    backend.write(merged, sb.toString());
    for (Segment s : all) if (!s.name.equals(merged)) backend.delete(s.name);
    known = null;   // listed again by the next append
    written.clear();
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

  /** What a read found: the entries before any damage, each once and in order, and the damage if any. */
  private record Read(List<JournalCodec.Entry> entries, JournalDamaged damage) {
    List<JournalEvent> events() {
      return entries.stream().map(JournalCodec.Entry::event).toList();
    }
  }

  private Read read() {
    List<Segment> all = segments();
    long claimed = all.stream().mapToLong(Segment::last).max().orElse(-1);
    List<JournalCodec.Entry> out = new ArrayList<>();
    long seen = -1;
    boolean tornTail = false;
    for (Segment s : all) {
      List<String> lines = backend.read(s.name).orElse("").lines().toList();
      int lastLine = lines.size() - 1;
      while (lastLine >= 0 && lines.get(lastLine).isBlank()) lastLine--;
      for (int i = 0; i <= lastLine; i++) {
        if (lines.get(i).isBlank()) continue;
        int lineNo = i + 1;
        java.util.function.Supplier<String> at = () -> backend.location() + "/" + s.name + " line " + lineNo;
        JournalCodec.Entry e;
        try {
          e = JournalCodec.decode(lines.get(i));
        } catch (RuntimeException ex) {
          if (ex instanceof JournalCodec.NewerFormat) {
            return damaged(out, "journal " + at.get() + " cannot be read: " + ex.getMessage() + "; run that version");
          }
          boolean itsLastEvent = i == lastLine && seen == s.last - 1;
          if (i == lastLine && seen >= s.last) continue;   // everything it claims was read elsewhere
          if (itsLastEvent && coveredElsewhere(all, s)) continue;   // a resumed run wrote that event again
          if (itsLastEvent && s.last == claimed) {
            warn.accept("journal: ignoring a torn last record at " + at.get() + " (" + ex.getMessage()
                + "); the driver was probably killed while writing it");
            tornTail = true;
            continue;
          }
          return damaged(out, "journal " + at.get() + " is damaged: " + ex.getMessage()
              + (i == lastLine ? " (only the last record of the last segment can be torn by a kill)" : ""));
        }
        if (e.seq() < s.first || e.seq() > s.last) {
          return damaged(out, "journal " + at.get() + " is damaged: it holds event " + e.seq() + ", outside the "
              + s.first + "\u2013" + s.last + " its name says");
        }
        if (e.seq() <= seen) continue;   // already read from a wider (merged) segment
        if (e.seq() > seen + 1) return damaged(out, missing(all, seen + 1, e.seq() - 1));
        seen = e.seq();
        out.add(e);
      }
    }
    if (claimed > seen && !(tornTail && claimed == seen + 1)) return damaged(out, missing(all, seen + 1, claimed));
    if (nextSeq < 0) nextSeq = seen + 1;
    return new Read(out, null);
  }

  private static Read damaged(List<JournalCodec.Entry> intact, String message) {
    return new Read(intact, new JournalDamaged(message, intact.size()));
  }

  /** True if a segment other than {@code s} claims {@code s}'s last sequence number. */
  private static boolean coveredElsewhere(List<Segment> all, Segment s) {
    return all.stream().anyMatch(o -> o != s && o.first <= s.last && s.last <= o.last);
  }

  /** "segment-… is truncated: …" if a segment's name promises the events, else "events a–b are missing". */
  private String missing(List<Segment> all, long from, long to) {
    String events = from == to ? "event " + from : "events " + from + "\u2013" + to;
    for (Segment s : all) {
      if (s.first <= from && from <= s.last) {
        return "journal " + backend.location() + "/" + s.name + " is truncated: " + events + " that its name promises "
            + (from == to ? "is" : "are") + " not in it";
      }
    }
    return "journal " + backend.location() + ": " + events + (from == to ? " is" : " are")
        + " missing (no segment holds " + (from == to ? "it" : "them") + ")";
  }
}
