/**
 * The study: the loop that asks the scheduler and sampler for work, runs trials on a bounded
 * number of slots, records outcomes in the store, applies stop rules, fault policy (timeouts,
 * retries) and warm-start priors, and hands back the result. Plain Java; imports the rest of the
 * core ({@code space}, {@code trial}, {@code sampler}, {@code scheduler}, {@code objective},
 * {@code store}), never Spark.
 */
package dev.sparktune.study;
