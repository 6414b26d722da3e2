package dev.sparktune.objective;

import dev.sparktune.trial.Budget;

/** What an evaluation may know about the trial it serves. */
public record TrialContext(int trialNumber, Budget budget) {}
