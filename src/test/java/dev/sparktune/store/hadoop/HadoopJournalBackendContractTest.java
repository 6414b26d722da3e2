package dev.sparktune.store.hadoop;

import dev.sparktune.store.JournalBackend;
import dev.sparktune.store.JournalBackendContract;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.io.TempDir;

/** The backend contract on Hadoop's local FileSystem (the same calls run on HDFS, S3A, GCS, ABFS). */
class HadoopJournalBackendContractTest extends JournalBackendContract {
  @TempDir Path dir;
  private int made;

  @Override
  protected JournalBackend fresh() {
    return new HadoopJournalBackend(dir.resolve("journal-" + made++).toString(), new Configuration());
  }
}
