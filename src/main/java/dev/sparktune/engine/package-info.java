/**
 * Spark as the machine trials run on: the session and its FAIR scheduling
 * ({@link dev.sparktune.engine.SparkSessions}), job groups that make a trial visible in the UI and
 * cancellable as a unit ({@link dev.sparktune.engine.JobGroups}), concurrency sizing, and the
 * results folder on any Hadoop FileSystem. Nothing here knows about MLlib models or search
 * spaces; that is {@code mllib} and the core.
 */
package dev.sparktune.engine;
