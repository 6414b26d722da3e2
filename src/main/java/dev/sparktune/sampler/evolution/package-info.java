/**
 * Population samplers: regularized (aging) evolution and CMA-ES, over the unit cube of
 * {@link dev.sparktune.space.UnitCube}. Plain Java; imports {@code space}, {@code trial} and
 * {@code sampler} (and commons-math3).
 */
package dev.sparktune.sampler.evolution;
