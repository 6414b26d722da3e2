package dev.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.config.ConfigError;
import dev.sparktune.config.Settings;
import dev.sparktune.config.SettingsLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading {@code warm-start.from} on the local Hadoop FileSystem, without Spark: what is refused
 * (one line naming the key and the path), and that warm start is not part of what a resumed
 * journal must match.
 */
class WarmStartReadTest {
  @TempDir Path dir;

  private static Settings settings(String... overrides) {
    List<String> args = new ArrayList<>(List.of(
        "sparktune.data.path=data/x.libsvm",
        "sparktune.model.estimator=logistic-regression",
        "sparktune.space.regParam={type=float, low=1e-4, high=1.0, log=true}",
        "sparktune.metric=areaUnderROC",
        "sparktune.output.dir=/tuning/today"));
    args.addAll(Arrays.asList(overrides));
    return SettingsLoader.load(Optional.empty(), args);
  }

  private static ConfigError refused(Settings s) {
    ConfigError e = assertThrows(ConfigError.class,
        () -> WarmStart.read(s, new Configuration(), new PrintStream(new ByteArrayOutputStream())));
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    return e;
  }

  @Test
  void warmStartSettingsDoNotChangeTheFingerprint() {
    var plain = Resume.fingerprint(settings());
    assertEquals(plain, Resume.fingerprint(settings("sparktune.warm-start.from=/tuning/yesterday")));
    assertEquals(plain, Resume.fingerprint(settings("sparktune.warm-start.from=/tuning/last-week",
        "sparktune.warm-start.top-k=3")));
    assertNotEquals(plain, Resume.fingerprint(settings("sparktune.metric=areaUnderPR")), "a real change still shows");
  }

  @Test
  void aMissingOrDamagedJournalIsRefusedNamingKeyAndPath() throws Exception {
    Path earlier = dir.resolve("earlier");
    ConfigError missing = refused(settings("sparktune.warm-start.from=" + earlier));
    assertEquals("sparktune.warm-start.from: no study journal at '" + earlier + "/journal' (expected the output.dir "
        + "of an earlier sparktune run)", missing.getMessage());

    Files.createDirectories(earlier.resolve("journal"));
    Files.writeString(earlier.resolve("journal/segment-000000000000-000000000001.jsonl"),
        "not a journal record\n{\"v\":1,\"seq\":1}\n");
    ConfigError damaged = refused(settings("sparktune.warm-start.from=" + earlier));
    assertTrue(damaged.getMessage().startsWith("sparktune.warm-start.from: cannot read the study journal at '"
        + earlier + "/journal': "), damaged.getMessage());
  }

  @Test
  void thisStudysOwnOutputDirIsRefusedHoweverItIsSpelled() {
    Path out = dir.resolve("out");
    // Relative to the working directory on one side, absolute on the other: the same directory.
    Path relative = Path.of("").toAbsolutePath().relativize(out);
    ConfigError e = refused(settings("sparktune.output.dir=" + out, "sparktune.warm-start.from=" + relative));
    assertTrue(e.getMessage().startsWith("sparktune.warm-start.from: expected an earlier study's output directory"),
        e.getMessage());
  }
}
