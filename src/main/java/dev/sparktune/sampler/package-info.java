/**
 * Samplers: which configuration to evaluate next, as a pure function of the search space, the
 * trial history and a seed, so a resumed study proposes exactly what it would have. Simple ones
 * (grid, random, Sobol) here, model-based ones in sub-packages ({@code tpe}, {@code gp},
 * {@code evolution}, with cmaes), each a {@link dev.sparktune.sampler.ModelBasedSampler}, and
 * the ones that rank several objectives and constraints (nsga2 in {@code moo}, MOTPE in
 * {@code tpe}), each a {@link dev.sparktune.sampler.MultiObjectiveSampler}. With one objective
 * and constraints the model-based ones (but tpe, which becomes MOTPE) learn from each result's
 * feasibility too ({@link dev.sparktune.sampler.Observations#compare}); all chosen by name
 * through {@link dev.sparktune.sampler.Samplers}. Which way values point is the history's
 * ({@code History.direction()}) or, with several objectives, the goals'. Plain Java; imports
 * {@code space}, {@code trial} and {@code pareto} only (and commons-math3 for linear algebra).
 */
package dev.sparktune.sampler;
