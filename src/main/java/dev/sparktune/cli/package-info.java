/**
 * The command line and what a run needs around the study: argument and override parsing
 * ({@link dev.sparktune.cli.Args}), the job from configuration to results
 * ({@link dev.sparktune.cli.TuningJob}), progress lines, resume and warm start, clean stops on
 * signals, exit codes, and the YARN cluster-mode launcher and driver outcome record. The outermost
 * edge: it may import every other package, Spark and Hadoop; nothing imports it.
 */
package dev.sparktune.cli;
