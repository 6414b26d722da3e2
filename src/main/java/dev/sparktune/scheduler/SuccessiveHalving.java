package dev.sparktune.scheduler;

/**
 * Synchronous successive halving (Jamieson and Talwalkar, AISTATS 2016): η^s_max configurations
 * at the smallest budget, the top 1/η of them at η times the budget, and so on up to the maximum;
 * then the same again with new configurations. Every round waits for its slowest evaluation, which
 * is what {@link Asha} avoids.
 */
public final class SuccessiveHalving extends SynchronousHalving {
  public SuccessiveHalving(Ladder ladder) {
    super(ladder);
  }

  @Override
  int bracketOf(int instance) {
    return ladder().topRung();
  }

  @Override
  public String name() {
    return "successive-halving";
  }
}
