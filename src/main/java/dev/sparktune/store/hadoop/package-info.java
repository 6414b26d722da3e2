/**
 * The journal on any Hadoop FileSystem (local, HDFS, S3A, GCS, ABFS): a
 * {@link dev.sparktune.store.JournalBackend} that writes whole files through a temporary name and
 * a rename. The only part of the store that imports Hadoop.
 */
package dev.sparktune.store.hadoop;
