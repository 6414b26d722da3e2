package dev.sparktune.mllib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The memory line's wording for each case; no Spark. */
class FoldMemoryTest {
  private static final long MB = 1L << 20;

  @Test
  void foldsThatFitSaySo() {
    FoldMemory m = new FoldMemory(48 * MB, 40 * MB, 0, 1100 * MB, "memory-and-disk", 3, 26_000, 645);
    assertTrue(m.fits());
    assertEquals("memory: the 3 folds' cached sets take about 48.0 MB (26,000 training rows x 3 x ~645 B; Spark now "
        + "holds 40.0 MB in memory, 0 B on disk), storage memory 1.07 GB: fits", m.line());
  }

  @Test
  void foldsThatDoNotFitSayWhatToChange() {
    FoldMemory m = new FoldMemory(48 * MB, 5 * MB, 43 * MB, 9 * MB, "memory-and-disk", 3, 26_000, 645);
    assertFalse(m.fits());
    String line = m.line();
    assertTrue(line.contains("storage memory 9.00 MB: will NOT fit; what does not fit spills to disk"), line);
    assertTrue(line.contains("spark.executor.memory"), line);
    assertTrue(line.contains("sparktune.cv.storage-level = memory-and-disk-ser"), line);
    assertTrue(line.endsWith("or use fewer folds (sparktune.cv.folds)"), line);
    assertFalse(line.contains("\n"));

    String memoryOnly = new FoldMemory(48 * MB, 5 * MB, 0, 9 * MB, "memory-only", 3, 26_000, 645).line();
    assertTrue(memoryOnly.contains("recomputed from the source by every fit"), memoryOnly);
    assertTrue(memoryOnly.contains("memory-only-ser"), memoryOnly);
    String serialized = new FoldMemory(48 * MB, 5 * MB, 0, 9 * MB, "memory-and-disk-ser", 3, 26_000, 645).line();
    assertFalse(serialized.contains("cache serialized"), serialized);
    String disk = new FoldMemory(48 * MB, 0, 48 * MB, 9 * MB, "disk-only", 3, 26_000, 645).line();
    assertTrue(disk.endsWith("cached on disk only (sparktune.cv.storage-level = disk-only)"), disk);
  }

  @Test
  void sizes() {
    assertEquals("512 B", FoldMemory.size(512));
    assertEquals("1.50 kB", FoldMemory.size(1536));
    assertEquals("120 MB", FoldMemory.size(120 * MB));
  }
}
