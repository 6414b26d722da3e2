package dev.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.config.Settings;
import dev.sparktune.config.SettingsLoader;
import dev.sparktune.store.StudyFingerprint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What decides the rows a study measured is in its journal's fingerprint, so a rerun that would
 * measure other rows is refused rather than mixed in: the excluded columns, and the way rows are
 * placed in folds (a journal from before folds were keyed by the source row and stratified).
 */
class DataFingerprintTest {
  private static Settings settings(String... more) {
    List<String> o = new ArrayList<>(List.of("sparktune.data.path=/data/t.csv", "sparktune.data.format=csv",
        "sparktune.data.label=y", "sparktune.model.estimator=logistic-regression",
        "sparktune.space.regParam={type=float, low=1e-4, high=1.0, log=true}"));
    o.addAll(List.of(more));
    return SettingsLoader.load(Optional.empty(), o);
  }

  @Test
  void excludedColumnsChangeTheDataset() {
    StudyFingerprint all = Resume.fingerprint(settings());
    StudyFingerprint fewer = Resume.fingerprint(settings("sparktune.data.exclude=[id]"));
    assertNotEquals(all.data(), fewer.data());
    assertTrue(fewer.data().contains("exclude [id]"), fewer.data());
    assertFalse(all.changesTo(fewer).isEmpty());
  }

  @Test
  void objectivesAndConstraintsAreInTheFingerprintButASingleMetricStaysAsItWas() {
    assertTrue(Resume.fingerprint(settings("sparktune.metric=areaUnderPR")).metric().equals("areaUnderPR"));
    StudyFingerprint two = Resume.fingerprint(settings("sparktune.metric=[areaUnderROC, fit-seconds]"));
    StudyFingerprint bounded = Resume.fingerprint(settings("sparktune.metric=[areaUnderROC, fit-seconds]",
        "sparktune.constraints=[model-size < 100]"));
    assertTrue(two.metric().equals("[areaUnderROC, fit-seconds]"), two.metric());
    assertTrue(bounded.changesTo(two).get(0).startsWith("metric (was '[areaUnderROC, fit-seconds] with constraints "
        + "[model-size < 100]'"), bounded.changesTo(two)::toString);
  }

  @Test
  void aJournalFromBeforeRowKeyedStratifiedFoldsIsAnotherStudy() {
    StudyFingerprint now = Resume.fingerprint(settings());
    String before = now.data().replace(", rows placed by source row", "");
    assertNotEquals(now.data(), before);
    StudyFingerprint old = new StudyFingerprint(now.space(), before, now.metric(), now.estimator());
    assertTrue(old.changesTo(now).get(0).startsWith("dataset (was '"), old.changesTo(now)::toString);
  }
}
