/**
 * What a trial evaluates: the {@link dev.sparktune.objective.Objective} interface the study calls
 * with an assignment and a budget, and the per-trial context through which a running evaluation
 * reports fold scores and learns that it should stop. Plain Java; imports only {@code space} and
 * {@code trial}. The MLlib implementation lives in {@code mllib}.
 */
package dev.sparktune.objective;
