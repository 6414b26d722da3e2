/**
 * What a finished or running study leaves for people and downstream jobs: the trial table
 * (trials.csv) and best.json, written from the study's result and trial history. Plain Java:
 * imports {@code space}, {@code trial} and {@code study}, never Spark or Hadoop; the caller decides
 * where the bytes go.
 */
package dev.sparktune.report;
