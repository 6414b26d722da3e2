package dev.sparktune.config;

import java.util.Optional;

/** Reads {@code sparktune.warm-start}, one line per problem. */
final class WarmStartReader {
  private WarmStartReader() {}

  /** @param outputDir this study's own output directory, which cannot also be the earlier study */
  static Settings.WarmStart read(ValueReader r, String outputDir) {
    String from = r.string("sparktune.warm-start.from").strip();
    int topK = r.intAtLeast("sparktune.warm-start.top-k", 1);
    if (!from.isEmpty() && sameDir(from, outputDir)) {
      r.problems().add(r.origin("sparktune.warm-start.from"), "sparktune.warm-start.from",
          "expected an earlier study's output directory, got this study's own output.dir '" + Echo.of(from)
              + "' (to continue it, leave warm-start.from empty: a rerun resumes it)");
    }
    return new Settings.WarmStart(Optional.of(from), topK);
  }

  /** Equal up to trailing slashes and a {@code file:} scheme, the spellings of one local directory. */
  private static boolean sameDir(String a, String b) {
    return canonical(a).equals(canonical(b));
  }

  private static String canonical(String dir) {
    String d = dir.strip().replaceFirst("^file:(//)?", "").replaceAll("/+$", "");
    return d.isEmpty() ? "/" : d;
  }
}
