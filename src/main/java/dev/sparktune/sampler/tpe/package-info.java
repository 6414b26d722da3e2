/**
 * The Tree-structured Parzen Estimator: Parzen densities of the good and the other results over the
 * unit cube, multivariate by default, with a constant liar for running trials. Plain Java; imports
 * {@code space}, {@code trial} and {@code sampler}.
 */
package dev.sparktune.sampler.tpe;
