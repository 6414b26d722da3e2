package dev.sparktune.cli;

import dev.sparktune.study.StudyListener;
import dev.sparktune.study.StudyStatus;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Shows progress: one line per finished trial (what logs keep) and, on a terminal, a status line
 * redrawn in place with trials done/running/failed/pruned/timed out, evaluations per rung under a
 * multi-fidelity schedule, the best so far, elapsed time and ETA.
 */
final class Progress implements StudyListener {
  private final PrintStream out;
  private final String metric;
  private final OptionalInt maxTrials;
  private final Duration timeLimit;
  private final boolean terminal;

  Progress(PrintStream out, String metric, OptionalInt maxTrials, Duration timeLimit, boolean terminal) {
    this.out = out;
    this.metric = metric;
    this.maxTrials = maxTrials;
    this.timeLimit = timeLimit;
    this.terminal = terminal;
  }

  @Override
  public synchronized void trialStarted(Trial trial, StudyStatus status) {
    if (terminal) statusLine(status);
  }

  @Override
  public synchronized void trialFinished(Trial t, StudyStatus status) {
    clearLine();
    out.println(describe(t, status));
    if (terminal) statusLine(status);
  }

  /** A transient error: the log says which trial, which attempt and what went wrong. */
  @Override
  public synchronized void trialRetrying(Trial t, int retry, int retries, String error) {
    clearLine();
    out.printf(Locale.ROOT, "trial %3d retry %d/%d after a transient error (%s)%n", t.number(), retry, retries, error);
  }

  @Override
  public synchronized void stopping(String reason, StudyStatus status) {
    clearLine();
    out.println("stopping: " + reason + (status.running() > 0 ? "; waiting for " + status.running() + " running trials" : ""));
    if (terminal) statusLine(status);
  }

  synchronized void done() {
    clearLine();
  }

  String describe(Trial t, StudyStatus status) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "trial %3d %-8s ", t.number(), t.state()));
    // Under a multi-fidelity schedule say which rung and budget; fifo rows stay as they were.
    if (t.budget().kind() != Budget.Kind.FULL) {
      sb.append(String.format(Locale.ROOT, "config %d rung %d %s  ", t.configId(), t.rung(), t.budget().label()));
    }
    Outcome o = t.outcome().orElseThrow();
    if (o instanceof Outcome.Completed c) {
      sb.append(String.format(Locale.ROOT, "%s=%.5f ± %.5f  fit %.1fs  ", metric, c.value(), c.std(), c.fitSeconds()));
    } else if (o instanceof Outcome.Pruned p) {
      sb.append(p.reason()).append("  ");
    } else if (o instanceof Outcome.TimedOut timedOut) {
      sb.append(timedOut.reason()).append("  ");
    } else if (o instanceof Outcome.Cancelled cancelled) {
      sb.append("cancelled: ").append(cancelled.reason()).append(" (a rerun runs it again)  ");
    } else {
      sb.append(((Outcome.Failed) o).error()).append("  ");
    }
    sb.append(t.assignment());
    status.best().ifPresent(b -> {
      if (b.number() == t.number()) sb.append("  ← new best");
    });
    return sb.toString();
  }

  private void statusLine(StudyStatus s) {
    StringBuilder sb = new StringBuilder("\r\033[K");
    sb.append(String.format(Locale.ROOT, "[%d done", s.finished()));
    // The limit counts configurations, so only fifo (one evaluation each) can show done/limit.
    if (s.rungs().size() == 1) maxTrials.ifPresent(m -> sb.append('/').append(m));
    else sb.append(String.format(Locale.ROOT, ", %d configurations", s.configurations()));
    sb.append(String.format(Locale.ROOT, ", %d running, %d failed", s.running(), s.failed()));
    if (s.pruned() > 0) sb.append(String.format(Locale.ROOT, ", %d pruned", s.pruned()));
    if (s.timedOut() > 0) sb.append(String.format(Locale.ROOT, ", %d timed out", s.timedOut()));
    sb.append("] ");
    if (s.rungs().size() > 1) {
      // Evaluations per rung, bottom first: "rungs 27/9/3/1" shows the halving at a glance.
      sb.append("rungs ").append(String.join("/", s.rungs().stream().map(r -> Integer.toString(r.started())).toList()))
          .append(' ');
    }
    s.best().ifPresent(b -> sb.append(String.format(Locale.ROOT, "best %s=%.5f (trial %d) ", metric,
        b.value().getAsDouble(), b.number())));
    sb.append("elapsed ").append(clock(s.elapsed()));
    eta(s).ifPresent(e -> sb.append("  ETA ").append(clock(e)));
    out.print(sb);
    out.flush();
  }

  /** Remaining time at the pace so far, never beyond the time limit. */
  private java.util.Optional<Duration> eta(StudyStatus s) {
    // Under a schedule the number of evaluations left is not known in advance.
    if (s.finished() == 0 || maxTrials.isEmpty() || s.rungs().size() > 1) return java.util.Optional.empty();
    double perTrial = s.elapsed().toMillis() / (double) s.finished();
    long left = Math.max(0, maxTrials.getAsInt() - s.finished());
    Duration eta = Duration.ofMillis((long) (perTrial * left));
    if (timeLimit != null) {
      Duration untilLimit = timeLimit.minus(s.elapsed());
      if (untilLimit.compareTo(eta) < 0) eta = untilLimit.isNegative() ? Duration.ZERO : untilLimit;
    }
    return java.util.Optional.of(eta);
  }

  private void clearLine() {
    if (terminal) {
      out.print("\r\033[K");
      out.flush();
    }
  }

  private static String clock(Duration d) {
    long s = d.toSeconds();
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
        : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
  }
}
