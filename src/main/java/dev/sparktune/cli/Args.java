package dev.sparktune.cli;

import dev.sparktune.config.ConfigError;
import dev.sparktune.config.Echo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line: {@code [--verbose] [--help] <conf-file> [key=value ...]}. Overrides are HOCON
 * assignments applied over the file, e.g. {@code sparktune.search.trials=10}.
 */
record Args(boolean help, boolean verbose, Optional<Path> conf, List<String> overrides) {

  static Args parse(String[] argv) {
    boolean help = false;
    boolean verbose = false;
    Path conf = null;
    List<String> overrides = new ArrayList<>();
    for (String a : argv) {
      if (a.equals("--help") || a.equals("-h")) {
        help = true;
      } else if (a.equals("--verbose") || a.equals("-v")) {
        verbose = true;
      } else if (a.startsWith("-")) {
        throw new ConfigError("unknown option '" + Echo.of(a) + "'; expected --help, --verbose, a .conf file and key=value overrides");
      } else if (a.contains("=")) {
        overrides.add(a);
      } else if (conf == null) {
        conf = Path.of(a);
      } else {
        throw new ConfigError("unexpected argument '" + Echo.of(a) + "': only one config file is read; overrides take the form key=value");
      }
    }
    if (!help && conf == null && overrides.isEmpty()) {
      throw new ConfigError("no config file given; usage: submit/tune <conf-file> [key=value ...] (see --help)");
    }
    return new Args(help, verbose, Optional.ofNullable(conf), List.copyOf(overrides));
  }

  static final String USAGE = """
      usage: submit/tune [spark-submit options] <conf-file> [key=value ...] [--verbose]

      Tunes the hyperparameters of a Spark MLlib estimator or pipeline with cross-validation,
      running many trials at once as Spark jobs, then refits the best configuration, scores it
      on held-out test data and saves it.

        <conf-file>   HOCON file with a sparktune { ... } block; defaults and every key are
                      documented in src/main/resources/reference.conf; examples in conf/examples/
        key=value     override any key after the file, e.g.
                        sparktune.search.trials=10 sparktune.output.dir=/tmp/out
                        sparktune.search.sampler=grid 'sparktune.space.regParam.high=0.5'
        --verbose     full stack traces and Spark's own INFO logs
        --help        this text

      Spark options before the conf file go to spark-submit: --master spark://host:7077,
      --driver-memory 4g, --conf spark.executor.memory=4g. Without --master it runs in local mode.
      Environment variables are substituted where the conf says ${?VAR}.

      Output (sparktune.output.dir, any Hadoop FileSystem URI): trials.csv, best.json, model/,
      config.conf.

      Exit codes (what a scheduler should do in brackets):
        0 done
        1 failed at run time, e.g. Spark or the FileSystem; results so far are kept [retry: it resumes]
        2 bad configuration, arguments or input data, or an output.dir that holds a different study
          or files that are not a study; one line names the key or file [fix it; do not retry]
        3 no trial succeeded; the distinct errors are printed [look at them; do not retry]
        4 stopped by sparktune.search.time-limit; partial results are written [accept, or rerun]
        5 another driver holds the study's lock [skip this run]
        6 the study's journal is damaged; one line names the file and what is wrong [a person must
          look; sparktune.resume = recover continues from the intact events in a new directory]
      """;
}
