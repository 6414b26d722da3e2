/**
 * Samplers for several objectives and constraints: NSGA-II (elitist evolution by non-dominated
 * sorting and crowding) here, MOTPE beside the single-objective TPE in {@code tpe}. Both read
 * the study's {@link dev.sparktune.pareto.Goals} and learn from feasibility. Plain Java.
 */
package dev.sparktune.sampler.moo;
