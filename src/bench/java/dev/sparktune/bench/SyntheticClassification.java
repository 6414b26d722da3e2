package dev.sparktune.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * A large binary classification set for the halving benchmark, since the largest real one here
 * (w8a) has 50k rows: {@value #FEATURES} dense Gaussian features and a label from a fixed function
 * with interactions (so deeper trees pay), threshold effects and noise (so the best AUC stays
 * below 1 and models are ranked by how much of the structure they catch), plus 5 % flipped
 * labels. Deterministic in (rows, seed), written once as gzipped libsvm and reused.
 */
final class SyntheticClassification {
  static final int FEATURES = 20;
  private static final double FLIP = 0.05;

  private SyntheticClassification() {}

  /** Where {@code rows} rows with {@code seed} live: under target/, never committed. */
  static Path path(int rows, long seed) {
    return Path.of("target", "synthetic", String.format(Locale.ROOT, "classification-%d-%d.libsvm.gz", rows, seed));
  }

  /** Writes the file unless it is already there (a complete file: written to a temp name, then moved). */
  static Path ensure(int rows, long seed) {
    Path p = path(rows, seed);
    if (Files.isRegularFile(p)) return p;
    try {
      Files.createDirectories(p.getParent());
      Path tmp = Files.createTempFile(p.getParent(), "partial-", ".gz");
      try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(tmp)),
          StandardCharsets.US_ASCII))) {
        write(w, rows, seed);
      }
      Files.move(tmp, p, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + p, e);
    }
  }

  static void write(Appendable out, int rows, long seed) throws IOException {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[FEATURES];
    StringBuilder line = new StringBuilder(FEATURES * 14);
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < FEATURES; j++) x[j] = gaussian(rng);
      boolean positive = score(x) + 0.6 * gaussian(rng) > 0;
      if (rng.nextDouble() < FLIP) positive = !positive;
      line.setLength(0);
      line.append(positive ? '1' : '0');
      for (int j = 0; j < FEATURES; j++) {
        line.append(' ').append(j + 1).append(':').append(String.format(Locale.ROOT, "%.4f", x[j]));
      }
      out.append(line).append('\n');
    }
  }

  /**
   * The noiseless log-odds: two- and three-way interactions, steps and a ring. Features 12..19
   * carry no signal, so subsampling and depth choices matter.
   */
  static double score(double[] x) {
    return 1.2 * x[0] * x[1]
        + Math.sin(2 * x[2]) * (x[3] > 0 ? 1.0 : -0.5)
        + (Math.abs(x[4]) > 1 ? 0.9 : -0.4)
        + 0.6 * x[5] - 0.5 * x[6] * x[6] + 0.3
        + 0.8 * Math.signum(x[7]) * Math.signum(x[8]) * Math.signum(x[9])
        + 0.4 * x[10] * x[11];
  }

  private static double gaussian(SplittableRandom rng) {
    // Box-Muller; SplittableRandom has no nextGaussian before Java 17's RandomGenerator default.
    double u = 1.0 - rng.nextDouble();
    double v = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
