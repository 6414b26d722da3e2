package dev.sparktune.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The submit/*benchmark scripts as a user runs them: each explains itself, and the two plain-Java
 * ones run a small study end to end (building the bench jar against the application jar and
 * finding the shared functions beside the repository). The Spark benchmarks are run by hand; their
 * figures are in the README.
 */
class BenchmarkScriptsIT {
  private static final Path PROJECT = Path.of(System.getProperty("sparktune.project.dir", ".")).toAbsolutePath();

  @TempDir Path tmp;

  private record Result(int code, String out) {}

  private Result run(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(PROJECT.resolve(args[0]).toString()));
    cmd.addAll(List.of(args).subList(1, args.length));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true);
    String jar = System.getProperty("sparktune.app.jar");
    if (jar != null) pb.environment().put("SPARKTUNE_APP_JAR", jar);
    Path out = tmp.resolve("out.txt");
    pb.redirectOutput(out.toFile());
    Process p = pb.start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", args) + " did not finish in 10 minutes");
    }
    return new Result(p.exitValue(), Files.readString(out));
  }

  @Test
  void everyBenchmarkScriptExplainsItself() throws Exception {
    List<String> scripts;
    try (Stream<Path> s = Files.list(PROJECT.resolve("submit"))) {
      scripts = s.map(f -> f.getFileName().toString()).filter(n -> n.endsWith("benchmark")).sorted().toList();
    }
    assertTrue(scripts.containsAll(List.of("benchmark", "convergence-benchmark", "convergence-studies-benchmark",
        "halving-benchmark", "overhead-benchmark", "pareto-benchmark", "sampler-benchmark")), scripts.toString());
    for (String name : scripts) {
      Result r = run("submit/" + name, "--help");
      assertEquals(0, r.code(), name + ": " + r.out());
      assertTrue(r.out().lines().anyMatch(l -> l.startsWith("Usage: submit/" + name + " ")), name + ": " + r.out());
    }
  }

  @Test
  void theSamplerBenchmarkRunsFromAnyDirectory() throws Exception {
    Result r = run("submit/sampler-benchmark", "--seeds", "1", "--samplers", "random", "--budgets", "25");
    assertEquals(0, r.code(), r.out());
    assertTrue(r.out().contains("| random | 8 | 1000 |"), r.out());
  }

  @Test
  void theConvergenceBenchmarkRunsOnTheSharedFunctions() throws Exception {
    Result r = run("submit/convergence-benchmark", "1", "25", "random", "0.05");
    assertEquals(0, r.code(), r.out());
    assertTrue(r.out().contains("| branin | known+top+nb+b0.25+m8d |"), r.out());
  }
}
