package dev.sparktune.report;

import java.util.function.LongSupplier;

/**
 * When to rewrite a view that grows with the study (trials.csv): after every trial while a rewrite
 * is cheap, and once it is not, only after {@code 1 / share} times the last rewrite's duration has
 * passed. Rewriting a 10,000-row table after each of 10,000 trials is O(n²) work on the loop's
 * thread (the overhead benchmark measured it); throttled, rewrites take at most about
 * {@code share} of the run whatever its length, and the file lags the journal by seconds at most.
 * The final rewrite at the end of a study is not throttled, and the journal, not this view, is
 * what a resumed run reads.
 */
public final class RewriteThrottle {
  private final double share;
  private final LongSupplier nanos;
  private boolean wrote;
  private long lastEnd;
  private long lastCost;

  /**
   * @param share the largest fraction of the elapsed time rewrites may take, in (0, 1)
   * @param nanos a monotonic clock ({@code System::nanoTime}; a fake one in tests)
   */
  public RewriteThrottle(double share, LongSupplier nanos) {
    if (!(share > 0 && share < 1)) throw new IllegalArgumentException("share must be in (0, 1), got " + share);
    this.share = share;
    this.nanos = nanos;
  }

  /** True if a rewrite now keeps rewrites within their share of the time. */
  public synchronized boolean due() {
    return !wrote || nanos.getAsLong() - lastEnd >= (long) (lastCost / share);
  }

  /** Runs {@code rewrite} if it is {@link #due}; returns whether it ran. */
  public synchronized boolean maybe(Runnable rewrite) {
    if (!due()) return false;
    now(rewrite);
    return true;
  }

  /** Runs {@code rewrite} now (the end of a study), and times it for the next decision. */
  public synchronized void now(Runnable rewrite) {
    long start = nanos.getAsLong();
    rewrite.run();
    lastEnd = nanos.getAsLong();
    lastCost = lastEnd - start;
    wrote = true;
  }
}
