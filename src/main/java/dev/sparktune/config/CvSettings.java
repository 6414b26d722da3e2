package dev.sparktune.config;

/** Cross-validation ({@code sparktune.cv}): number of folds and the seed of the fold assignment. */
public record CvSettings(int folds, long seed) {}
