/**
 * Where a study's trials live: the {@link dev.sparktune.store.TrialStore} interface, in memory or
 * as a journal of immutable segments on a {@link dev.sparktune.store.JournalBackend} (a flat
 * directory of small files, JSON lines through Jackson), with the lease that keeps two drivers
 * off one study. Plain Java; imports {@code space} and {@code trial}. The Hadoop FileSystem backend is {@code store.hadoop}.
 */
package dev.sparktune.store;
