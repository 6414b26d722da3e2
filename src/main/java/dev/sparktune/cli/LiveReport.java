package dev.sparktune.cli;

import dev.sparktune.engine.ResultsDir;
import dev.sparktune.report.HtmlReport;
import dev.sparktune.report.ReportData;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * report.html while the study runs: rebuilt on a thread of its own after a trial finishes, at most
 * once every {@code every}, so neither the build nor a slow FileSystem write ever delays the next
 * trial; a refresh asked for while one is under way is dropped (the next finish asks again). The
 * final report is written by {@link #finish}, after the last refresh. Written atomically like the
 * other outputs, so a browser reloading it never reads half a page.
 */
final class LiveReport implements AutoCloseable {
  static final String FILE = "report.html";

  private final ResultsDir results;
  private final Supplier<ReportData> data;
  private final long everyNanos;
  private final PrintStream out;
  private final AtomicBoolean busy = new AtomicBoolean();
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "sparktune-report");
    t.setDaemon(true);
    return t;
  });
  private volatile long last = System.nanoTime();
  private volatile boolean warned;

  LiveReport(ResultsDir results, Supplier<ReportData> data, Duration every, PrintStream out) {
    this.results = results;
    this.data = data;
    this.everyNanos = every.toNanos();
    this.out = out;
  }

  /** A trial finished: refresh the report if the last one is old enough and none is being written. */
  void trialFinished() {
    if (System.nanoTime() - last < everyNanos || !busy.compareAndSet(false, true)) return;
    thread.execute(() -> {
      try {
        write(data.get());
      } finally {
        last = System.nanoTime();
        busy.set(false);
      }
    });
  }

  /** Waits for a refresh under way, then writes the final report. */
  void finish(ReportData end) {
    close();
    write(end);
  }

  private void write(ReportData d) {
    try {
      results.write(FILE, HtmlReport.build(d));
    } catch (RuntimeException e) {
      // The report is a view: failing to write it must not fail the study, whose results are elsewhere.
      if (!warned) out.println("warning: could not write " + results.resolve(FILE) + ": " + e.getMessage());
      warned = true;
    }
  }

  @Override
  public void close() {
    thread.shutdown();
    try {
      thread.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
