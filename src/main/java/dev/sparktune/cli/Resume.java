package dev.sparktune.cli;

import dev.sparktune.config.ConfigError;
import dev.sparktune.config.Settings;
import dev.sparktune.config.Echo;
import dev.sparktune.engine.ResultsDir;
import dev.sparktune.store.Journal;
import dev.sparktune.store.JournalDamaged;
import dev.sparktune.store.JournalEvent;
import dev.sparktune.store.JournalTrialStore;
import dev.sparktune.store.Lease;
import dev.sparktune.store.StudyFingerprint;
import dev.sparktune.store.hadoop.HadoopJournalBackend;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialState;
import java.io.PrintStream;
import java.net.InetAddress;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;

/**
 * Opens the study in {@code sparktune.output.dir} for this run: chooses the directory
 * ({@code resume = never} moves to a new sibling rather than touch an earlier study, and
 * {@code recover} moves a damaged study's intact events to one), takes its lock, replays its
 * journal and checks that the journal was written for the same study. A run that may not
 * continue fails here, before any trial and before anything is written, with one line saying
 * why: among them a directory that holds files but no study of sparktune's, which is never
 * written into (its files could be overwritten, a {@code model/} replaced).
 *
 * @param dir the output directory actually used
 */
record Resume(String dir, JournalTrialStore store, Lease lease) implements AutoCloseable {
  /** Merge the journal's segments into one above this many: a few hundred trials stay a few files. */
  static final int COMPACT_ABOVE = 32;
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  /**
   * @throws ConfigError if the directory holds files that are not a study of sparktune's, or the
   *     journal belongs to a different study and the mode does not allow that
   * @throws JournalDamaged if the journal is damaged and the mode is not {@code recover}
   * @throws Lease.Held if another driver holds the directory's lock
   */
  static Resume open(Settings s, Configuration conf, Clock clock, PrintStream out) {
    Settings.Resume.Mode mode = s.resume().mode();
    String dir = s.output().dir();
    ResultsDir.Contents contents = ResultsDir.inspect(dir, conf);
    List<JournalEvent> recovered = null;
    if (mode == Settings.Resume.Mode.NEVER && !contents.isEmpty()) {
      String fresh = freshSibling(dir, conf, clock);
      out.println("resume = never: " + dir + " already holds results; writing to " + fresh);
      dir = fresh;
    } else if (contents.foreign()) {
      throw new ConfigError("sparktune.output.dir: '" + Echo.of(dir) + "' holds files that are not a sparktune study ("
          + contents.describe() + ") and no journal/; expected a new or empty directory or a study of sparktune's; "
          + "choose another output.dir, or set sparktune.resume = never to write to a new sibling");
    } else if (mode == Settings.Resume.Mode.RECOVER && contents.study()) {
      Journal existing = new Journal(new HadoopJournalBackend(journal(dir), conf), COMPACT_ABOVE, w -> { });
      try {
        JournalTrialStore.open(existing);
      } catch (JournalDamaged e) {
        recovered = JournalTrialStore.consistentPrefix(existing.intactEvents());
        String fresh = freshSibling(dir.replaceAll("/+$", "") + "-recovered", conf, clock);
        out.println("resume = recover: " + e.getMessage() + "; continuing from its first " + recovered.size()
            + " intact events in " + fresh + " (" + dir + " is left as it is)");
        dir = fresh;
      }
    }
    String host = host();
    Optional<YarnAttempt> attempt = YarnAttempt.current(System.getenv());
    Lease lease;
    try {
      lease = Lease.acquire(new HadoopJournalBackend(dir, conf),
          attempt.map(YarnAttempt::holderId).orElseGet(() -> UUID.randomUUID().toString()), host,
          ProcessHandle.current().pid(), s.resume().lockTimeout(), clock, m -> out.println("sparktune: " + m),
          // A killed driver on this host is provably gone, and so is an earlier attempt of this YARN
          // application; any other driver elsewhere only goes stale.
          h -> h.host().equals(host) && ProcessHandle.of(h.pid()).map(p -> !p.isAlive()).orElse(true)
              || attempt.map(a -> a.supersedes(h.id())).orElse(false));
    } catch (java.io.UncheckedIOException e) {
      // The lock is the first write: failing here means the directory itself is unusable, a config mistake.
      throw new ConfigError("sparktune.output.dir: cannot write to '" + Echo.of(dir) + "': "
          + Echo.line(Main.oneLine(e)), e);
    }
    try {
      Journal journal = new Journal(new HadoopJournalBackend(journal(dir), conf), COMPACT_ABOVE,
          w -> out.println("sparktune: " + w), () -> !lease.lost());
      if (recovered != null && !recovered.isEmpty()) journal.append(recovered);
      JournalTrialStore store = JournalTrialStore.open(journal);
      StudyFingerprint now = fingerprint(s);
      if (store.study().isPresent()) check(store, store.study().get(), now, mode, journal(dir), s);
      if (!store.trials().isEmpty()) out.println(summary(store, dir));
      store.begin(now, clock.instant());
      // A few beats per timeout, so one slow FileSystem call never makes a live driver look dead.
      lease.renewEvery(s.resume().lockTimeout().dividedBy(4), m -> out.println("sparktune: warning: " + m));
      return new Resume(dir, store, lease);
    } catch (RuntimeException e) {
      lease.close();
      throw e;
    }
  }

  @Override
  public void close() {
    lease.close();
  }

  /** What the trials were measured on, in canonical text (sorted maps: Map.copyOf has no stable order). */
  static StudyFingerprint fingerprint(Settings s) {
    Settings.Data d = s.data();
    // "rows placed by source row": journals from before folds were stratified and keyed by the
    // source row measured other folds, so they are refused rather than mixed in.
    String data = d.path() + " (" + d.format() + ", label " + d.label() + ", features " + d.features()
        + (d.exclude().isEmpty() ? "" : ", exclude " + d.exclude()) + ", options "
        + new TreeMap<>(d.options()) + ", missing " + d.missing() + ", test-fraction " + d.testFraction() + "; "
        + s.cv().folds() + " folds, seed " + s.cv().seed() + ", rows placed by source row)";
    Settings.Model m = s.model();
    String estimator = m.isPipeline()
        ? m.pipeline().stream().map(st -> st.name() + "=" + st.estimator() + sorted(st.fixed()))
            .collect(Collectors.joining(" -> ", "pipeline ", "")) + sorted(m.fixed())
        : m.estimator() + sorted(m.fixed());
    return new StudyFingerprint(s.space().params().toString(), data, objectives(s), estimator);
  }

  /**
   * The metric, or with several objectives or constraints every objective and constraint as
   * configured: they decide what each trial measured and what the front is. A single-objective
   * study keeps the plain metric, so its earlier journals still match.
   */
  static String objectives(Settings s) {
    var o = s.objectives();
    if (!o.beyondOneScore()) return s.metric();
    String list = o.objectives().stream().map(x -> x.name() + x.direction().map(d -> " " + d.name()
        .toLowerCase(java.util.Locale.ROOT)).orElse("")).collect(Collectors.joining(", ", "[", "]"));
    return o.constraints().isEmpty() ? list : list + " with constraints " + o.constraints();
  }

  private static void check(JournalTrialStore store, StudyFingerprint was, StudyFingerprint now,
      Settings.Resume.Mode mode, String journal, Settings s) {
    List<String> changes = was.changesTo(now);
    if (changes.isEmpty()) return;
    String what = String.join("; ", changes);
    if (mode != Settings.Resume.Mode.WARM_START) {
      throw new ConfigError("sparktune.resume: " + journal + " was written for another study: " + what
          + "; set sparktune.resume = warm-start to continue it anyway, or never to start in a new directory");
    }
    List<Trial> outside = store.trials().stream().filter(t -> !s.space().contains(t.assignment())).toList();
    if (!outside.isEmpty()) {
      throw new ConfigError("sparktune.resume = warm-start: " + outside.size() + " trials in " + journal
          + " do not fit the new search space (trial " + outside.get(0).number() + ": " + outside.get(0).assignment()
          + "); use a new output.dir");
    }
  }

  private static String summary(JournalTrialStore store, String dir) {
    long completed = store.trials().stream().filter(t -> t.state() == TrialState.COMPLETE).count();
    int interrupted = store.interrupted().size();
    return "resuming " + dir + ": " + store.trials().size() + " trials from " + store.runs() + " earlier run"
        + (store.runs() == 1 ? "" : "s") + " (" + completed + " completed"
        + (interrupted > 0 ? ", " + interrupted + " interrupted, to be rerun" : "") + ")";
  }

  private static String sorted(Map<String, Object> fixed) {
    return fixed.isEmpty() ? "" : " " + new TreeMap<>(fixed);
  }

  /** The journal folder of the study whose output directory is {@code dir}. */
  static String journal(String dir) {
    return dir.replaceAll("/+$", "") + "/journal";
  }

  private static String freshSibling(String dir, Configuration conf, Clock clock) {
    String base = dir.replaceAll("/+$", "") + "-" + STAMP.format(clock.instant());
    String candidate = base;
    // Anything counts, folders too: results written before journals existed are kept as well.
    for (int i = 2; !ResultsDir.inspect(candidate, conf).isEmpty(); i++) candidate = base + "-" + i;
    return candidate;
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "unknown-host";
    }
  }
}
