package dev.sparktune.store;

import java.util.List;
import java.util.Optional;

/**
 * A flat directory of small files that are written whole and never appended to: the only thing
 * object stores (S3, GCS, ABFS) can do, and all a journal of immutable segments needs. The segment
 * and lease logic lives above it ({@link Journal}, {@link Lease}), so it is tested in memory;
 * implementations only move bytes. Failures are {@link java.io.UncheckedIOException}s.
 */
public interface JournalBackend {
  /** Names of the files in the directory, in any order; empty if the directory does not exist. */
  List<String> list();

  /** The whole content of {@code name}, or empty if there is no such file. */
  Optional<String> read(String name);

  /**
   * Writes {@code name} so that a reader sees either the old content or all of the new one, never
   * part of it (a temporary name, then a rename), replacing any existing file.
   */
  void write(String name, String content);

  /**
   * Creates {@code name} only if it does not exist; false if it does. Atomic where the
   * FileSystem is (local, HDFS); on object stores a race between two creators is only narrowed.
   */
  boolean create(String name, String content);

  /** Deletes {@code name}; no error if it is already gone. */
  void delete(String name);

  /** The directory, for messages. */
  String location();
}
