package dev.sparktune.trial;

/**
 * A fit or score of one fold failed: wraps the error so the trial's recorded failure names the
 * fold ({@code fold 2/3: SingularMatrixException: ...}) while the cause chain stays intact for
 * whoever classifies it (a transient error is still recognised through it).
 */
public final class FoldError extends Exception {
  private static final long serialVersionUID = 1L;

  /** @param fold 0-based index of the fold */
  public FoldError(int fold, int folds, Throwable cause) {
    super("fold " + (fold + 1) + "/" + folds, cause);
  }
}
