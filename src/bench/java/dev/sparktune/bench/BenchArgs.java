package dev.sparktune.bench;

import java.io.File;
import java.util.Arrays;
import java.util.List;

/** Command-line options of {@link SamplerQuality}; {@code submit/sampler-benchmark --help} documents them. */
record BenchArgs(File functions, File reference, List<String> samplers, int seeds, int[] budgets,
    List<String> only, int threads, boolean timing) {

  static final List<String> ALL_SAMPLERS = List.of("random", "sobol", "tpe", "tpe-mv", "gp", "evolution", "cmaes", "auto");

  /**
   * The shared benchmark files (the functions and Optuna's reference figures) live in the
   * {@code shared/bench} folder beside the repository, not in it: the scripts pass the
   * repository's root as {@code sparktune.root}, and an option points anywhere else.
   */
  static final String SHARED = System.getProperty("sparktune.root", ".") + "/../shared/bench/";

  static BenchArgs parse(String[] argv) {
    File functions = new File(SHARED + "functions.json");
    File reference = new File(SHARED + "optuna_reference.md");
    List<String> samplers = ALL_SAMPLERS;
    int seeds = 20;
    int[] budgets = {25, 50, 100, 200};
    List<String> only = List.of();
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    boolean timing = true;
    for (int i = 0; i < argv.length; i++) {
      String a = argv[i];
      if (a.equals("--no-timing")) {
        timing = false;
        continue;
      }
      if (a.equals("--timing-only")) {
        only = List.of("none");
        continue;
      }
      if (i + 1 >= argv.length) throw new IllegalArgumentException(a + " needs a value");
      String v = argv[++i];
      switch (a) {
        case "--functions-file" -> functions = new File(v);
        case "--reference-file" -> reference = new File(v);
        case "--samplers" -> samplers = List.of(v.split(","));
        case "--seeds" -> seeds = Integer.parseInt(v);
        case "--budgets" -> budgets = Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).sorted().toArray();
        case "--functions" -> only = List.of(v.split(","));
        case "--threads" -> threads = Integer.parseInt(v);
        default -> throw new IllegalArgumentException("unknown option " + a + " (see --help)");
      }
    }
    if (seeds < 1) throw new IllegalArgumentException("--seeds must be >= 1");
    return new BenchArgs(functions, reference, samplers, seeds, budgets, only, threads, timing);
  }
}
