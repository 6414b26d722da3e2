/**
 * The Gaussian-process sampler: a Matérn-5/2 GP fitted by marginal likelihood on (optionally
 * log-warped) losses, and log expected improvement maximised over random candidates refined
 * locally; with constraints, times the probability of feasibility from one GP per constraint.
 * Plain Java (commons-math3 for the linear algebra); imports {@code space}, {@code trial},
 * {@code pareto} and {@code sampler}.
 */
package dev.sparktune.sampler.gp;
