package dev.sparktune.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Prints the benchmark's markdown tables and the verdict on each sampler target (against Optuna's reference figures). */
final class QualityReport {
  private QualityReport() {}

  private static final Set<String> MODEL_BASED = Set.of("tpe", "tpe-mv", "gp", "evolution", "cmaes", "auto");

  static void function(BenchFunction f, Map<String, double[][]> bySampler, int[] budgets, OptunaReference ref) {
    System.out.printf(Locale.ROOT, "%n## %s  (dim %d, f* = %s)%n%n", f.name(), f.dimensions(), f.optimum());
    StringBuilder head = new StringBuilder("| sampler |");
    StringBuilder rule = new StringBuilder("|---|");
    for (int b : budgets) {
      head.append(" B=").append(b).append(" |");
      rule.append("---|");
    }
    System.out.println(head);
    System.out.println(rule);
    for (var e : bySampler.entrySet()) {
      StringBuilder row = new StringBuilder("| ").append(e.getKey()).append(" |");
      for (int b = 0; b < budgets.length; b++) row.append(' ').append(Stats.cell(column(e.getValue(), b))).append(" |");
      System.out.println(row);
    }
    for (String s : List.of("random", "tpe", "tpe_mv", "cmaes")) {
      StringBuilder row = new StringBuilder("| optuna ").append(s).append(" |");
      for (int b : budgets) row.append(' ').append(Stats.fmt(ref.median(f.name(), s, b))).append(" |");
      System.out.println(row);
    }
  }

  static double[] column(double[][] perSeed, int b) {
    double[] c = new double[perSeed.length];
    for (int i = 0; i < c.length; i++) c[i] = perSeed[i][b];
    return c;
  }

  static void targets(List<BenchFunction> functions, Map<String, Map<String, double[][]>> regrets, int[] budgets,
      OptunaReference ref) {
    System.out.printf(Locale.ROOT, "%n## Targets%n%n");
    List<String> lines = new ArrayList<>();
    int met = 0;
    int all = 0;
    for (BenchFunction f : functions) {
      Map<String, double[][]> r = regrets.get(f.name());
      for (int b = 0; b < budgets.length; b++) {
        int budget = budgets[b];
        double optunaTpe = ref.median(f.name(), "tpe", budget);
        if (r.containsKey("tpe") && budget >= 50 && !Double.isNaN(optunaTpe)) {
          double ours = Stats.quantile(column(r.get("tpe"), b), 0.5);
          boolean ok = ours <= optunaTpe;
          lines.add(verdict(ok, "tpe ≤ optuna tpe", f.name(), budget, ours, optunaTpe));
          all++;
          if (ok) met++;
        }
        if (r.containsKey("gp") && budget == 50 && f.continuous() && f.dimensions() <= 6 && !Double.isNaN(optunaTpe)) {
          double ours = Stats.quantile(column(r.get("gp"), b), 0.5);
          boolean ok = ours <= 0.5 * optunaTpe;
          lines.add(verdict(ok, "gp ≤ 0.5 × optuna tpe", f.name(), budget, ours, 0.5 * optunaTpe));
          all++;
          if (ok) met++;
        }
        if (budget == 100 && r.containsKey("random")) {
          double random = Stats.quantile(column(r.get("random"), b), 0.5);
          for (var e : r.entrySet()) {
            if (!MODEL_BASED.contains(e.getKey())) continue;
            double ours = Stats.quantile(column(e.getValue(), b), 0.5);
            boolean ok = ours < random;
            lines.add(verdict(ok, e.getKey() + " < random", f.name(), budget, ours, random));
            all++;
            if (ok) met++;
          }
        }
      }
    }
    lines.forEach(System.out::println);
    System.out.printf(Locale.ROOT, "%n%d of %d targets met%n", met, all);
  }

  private static String verdict(boolean ok, String what, String f, int budget, double ours, double bound) {
    return String.format(Locale.ROOT, "- %s %s on %s at B=%d: %s vs %s", ok ? "met    " : "NOT MET", what, f, budget,
        Stats.fmt(ours), Stats.fmt(bound));
  }
}
