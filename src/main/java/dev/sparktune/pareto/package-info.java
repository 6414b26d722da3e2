/**
 * Several objectives and constraints: which objectives a study has and which way each points
 * ({@link dev.sparktune.pareto.Goals}), constraint violation and feasibility, and the small pure
 * functions that rank results without a single score (Pareto dominance with Deb's constrained
 * domination, non-dominated sorting, crowding distance, hypervolume). Plain Java; imports
 * {@code trial} only, so samplers, reports and the CLI share one definition of "on the front".
 */
package dev.sparktune.pareto;
