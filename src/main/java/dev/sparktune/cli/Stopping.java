package dev.sparktune.cli;

import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A clean stop asked for from outside: SIGTERM (how schedulers and Kubernetes stop a job),
 * SIGINT (Ctrl-C), SIGHUP, or the death of the launcher that started this driver. The first
 * request cancels the running trials (recorded CANCELLED, so a rerun continues them), skips the
 * refit, writes trials.csv and best.json, releases the lock and exits with 128 + the signal's
 * number (143, 130, 129; 129 also when the launcher is gone: a hang-up). A second signal exits at
 * once.
 *
 * <p>Without this the JVM's default handler ran the shutdown hooks: Spark stopped under the
 * running trials, which were recorded FAILED for good, and the lease stayed behind.
 *
 * <p>The launcher watch: {@code submit/tune} runs the driver JVM as its child in a process group
 * of its own (so it keeps its SIGINT handler) and forwards INT, TERM and HUP to it; but a
 * launcher killed by a signal it cannot trap (SIGKILL, e.g. after a scheduler's grace period)
 * forwards nothing. It passes its pid in {@value #LAUNCHER_ENV}; while that pid is the driver's
 * parent the launcher lives, and the moment it dies the kernel re-parents the driver, which
 * then stops as for a signal. A parent pid cannot come back, so unlike a pid check this cannot be
 * fooled by pid reuse, and it needs no file descriptor passed through spark-submit.
 */
final class Stopping {
  static final String LAUNCHER_ENV = "SPARKTUNE_LAUNCHER_PID";
  private static final long WATCH_MS = 250;

  /** Why the run was asked to stop, and the exit code that says so. */
  record Request(String cause, int exitCode) {}

  private final PrintStream err;
  private final AtomicReference<Request> request = new AtomicReference<>();
  // What to cancel for the phase the run is in (Spark jobs outside the study; nothing during it,
  // where the study loop cancels each trial itself so that none is recorded FAILED).
  private volatile Runnable cancel = () -> {};

  Stopping(PrintStream err) {
    this.err = err;
  }

  /** Handles TERM, INT and HUP in this JVM, and watches the launcher if one said so; for {@link Main#main} only. */
  static Stopping install(PrintStream err) {
    Stopping s = new Stopping(err);
    for (String[] sig : new String[][] {{"TERM", "143"}, {"INT", "130"}, {"HUP", "129"}}) {
      try {
        sun.misc.Signal.handle(new sun.misc.Signal(sig[0]), x -> s.request("SIG" + sig[0], Integer.parseInt(sig[1]), true));
      } catch (IllegalArgumentException e) {
        // The signal is ignored (nohup) or reserved (-Xrs): keep what the JVM does with it.
      }
    }
    String launcher = System.getenv(LAUNCHER_ENV);
    if (launcher != null && launcher.matches("\\d+")) s.watch(Long.parseLong(launcher));
    return s;
  }

  /** Starts watching {@code launcher}, if it is this process's parent now; a no-op otherwise. */
  void watch(long launcher) {
    if (parent() != launcher) return;
    Thread t = new Thread(() -> {
      while (parent() == launcher) {
        try {
          Thread.sleep(WATCH_MS);
        } catch (InterruptedException e) {
          return;
        }
      }
      request("its launcher (pid " + launcher + ") is gone", 129, false);
    }, "sparktune-launcher-watch");
    t.setDaemon(true);
    t.start();
  }

  private static long parent() {
    return ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
  }

  /**
   * Asks the run to stop. The first request says so in one line and cancels what the current
   * phase runs; a later signal exits at once with the first request's code.
   *
   * @param insists true for a signal: a second one means "now". The launcher's death is not: a
   *     scheduler that sent SIGTERM and kills the launcher's group after its grace period must
   *     not cut short the clean stop the SIGTERM began.
   */
  void request(String cause, int exitCode, boolean insists) {
    if (request.compareAndSet(null, new Request(cause, exitCode))) {
      err.println("sparktune: " + cause + ": stopping: running trials are cancelled (a rerun continues them), "
          + "results are written and the lock released; a second signal stops at once");
      try {
        cancel.run();
      } catch (RuntimeException e) {
        // Spark already stopping (the run was ending anyway): nothing left to cancel.
      }
    } else if (insists) {
      err.println("sparktune: " + cause + " again: stopping at once");
      Runtime.getRuntime().halt(request.get().exitCode());
    }
  }

  /** The request, if the run was asked to stop. */
  Optional<Request> requested() {
    return Optional.ofNullable(request.get());
  }

  /** The reason the study stops for, once asked: for a {@link dev.sparktune.study.StopRule.Requested}. */
  Supplier<Optional<String>> reason() {
    return () -> requested().map(Request::cause);
  }

  /** What a request cancels from now on; runs it at once if a request came already. */
  void cancelling(Runnable what) {
    cancel = what;
    if (request.get() != null) what.run();
  }
}
