/**
 * Population samplers: regularized (aging) evolution and CMA-ES, over the unit cube of
 * {@link dev.sparktune.space.UnitCube}; with constraints both rank by Deb's rule. Plain Java;
 * imports {@code space}, {@code trial}, {@code pareto} and {@code sampler} (and commons-math3).
 */
package dev.sparktune.sampler.evolution;
