package dev.sparktune.store;

/**
 * The journal holds something no crash explains: a bad line in the middle, a torn record that is
 * not the last one, a missing or truncated segment, or events that contradict each other. Unlike
 * a failure of the FileSystem, running again fails the same way, so a person must look; the
 * events before the damage are intact and can be continued from ({@link Journal#intactEvents}).
 */
public final class JournalDamaged extends IllegalStateException {
  private static final long serialVersionUID = 1L;
  private final int intact;

  /**
   * @param message the file, the line or events, and what is wrong
   * @param intact how many events, from the first, read without damage
   */
  public JournalDamaged(String message, int intact) {
    super(message);
    this.intact = intact;
  }

  /** Events 0 to {@code intact() - 1} are readable and consistent. */
  public int intact() {
    return intact;
  }
}
