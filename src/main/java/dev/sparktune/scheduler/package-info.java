/**
 * Schedulers: which budget a free slot spends next, on a new configuration or on promoting one
 * that did well at a smaller budget (fifo, successive halving, Hyperband, ASHA, median stopping),
 * plus fold-level pruning. Plain Java; every decision is a function of the trial history.
 */
package dev.sparktune.scheduler;
