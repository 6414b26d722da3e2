package dev.sparktune.trial;

/**
 * Where an evaluation sits among the rungs of a multi-fidelity schedule. A configuration's first
 * evaluation is its root; a promotion is a new trial whose {@code parent} is the evaluation it was
 * promoted from. Everything a scheduler needs is here and in the outcomes, so rungs are rebuilt
 * from the trial history alone (a resumed study replays its journal and decides the same).
 *
 * @param configId the number of the configuration's first trial; shared by all its rungs
 * @param parent the trial this one was promoted from; -1 for a root
 * @param bracket the bracket (Hyperband) or bracket instance the configuration belongs to; 0 when
 *     the schedule has one
 * @param rung the budget level, 0 = the schedule's smallest budget; the same rung means the same
 *     budget in every bracket
 */
public record Lineage(int configId, int parent, int bracket, int rung) {
  public static final int NO_PARENT = -1;

  public Lineage {
    if (configId < 0) throw new IllegalArgumentException("configId must be >= 0, got " + configId);
    if (parent < NO_PARENT) throw new IllegalArgumentException("parent must be a trial number or -1, got " + parent);
    if (bracket < 0 || rung < 0) throw new IllegalArgumentException("bracket and rung must be >= 0");
  }

  /** The first evaluation of a new configuration, which takes its trial's number as id. */
  public static Lineage root(int number, int bracket, int rung) {
    return new Lineage(number, NO_PARENT, bracket, rung);
  }

  /** A single-budget schedule (fifo): every trial its own configuration at rung 0. */
  public static Lineage root(int number) {
    return root(number, 0, 0);
  }

  /** The evaluation after {@code from}'s, at {@code rung}. */
  public static Lineage promoted(Trial from, int rung) {
    return new Lineage(from.lineage().configId(), from.number(), from.lineage().bracket(), rung);
  }

  public boolean isRoot() {
    return parent == NO_PARENT;
  }
}
