package dev.sparktune.config;

/**
 * Where results go ({@code sparktune.output}): any Hadoop FileSystem URI or local path.
 *
 * @param refit fit the best configuration on all training data, score it on the test set, save it
 */
public record OutputSettings(String dir, boolean refit) {}
