/**
 * Trials as values: a trial's number, assignment, budget, lineage among rungs, state and outcome,
 * and the read-only {@link dev.sparktune.trial.History} every sampler and scheduler decides from.
 * Plain Java; imports only {@code space}.
 */
package dev.sparktune.trial;
