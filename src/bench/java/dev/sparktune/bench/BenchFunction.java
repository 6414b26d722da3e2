package dev.sparktune.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import dev.sparktune.space.Assignment;
import dev.sparktune.space.CategoricalParam;
import dev.sparktune.space.FloatParam;
import dev.sparktune.space.IntParam;
import dev.sparktune.space.Param;
import dev.sparktune.space.SearchSpace;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

/**
 * One black-box function of the sampler benchmark, read from the shared {@code functions.json}
 * (domains, optimum, test points) with its formula written here. {@link #check} evaluates every
 * test point, so a wrong constant fails before any figure is printed.
 */
record BenchFunction(String name, SearchSpace space, double optimum, ToDoubleFunction<Assignment> f,
    List<TestPoint> testPoints, boolean continuous) {

  record TestPoint(Assignment at, double value) {}

  static List<BenchFunction> load(File json) {
    Config root = ConfigFactory.parseFile(json);
    List<BenchFunction> out = new ArrayList<>();
    for (Config c : root.getConfigList("functions")) {
      List<Param> params = new ArrayList<>();
      boolean continuous = true;
      for (Config p : c.getConfigList("params")) {
        String n = p.getString("name");
        switch (p.getString("type")) {
          case "float" -> params.add(new FloatParam(n, p.getDouble("low"), p.getDouble("high"),
              p.hasPath("log") && p.getBoolean("log"), OptionalDouble.empty(), Optional.empty()));
          case "int" -> {
            continuous = false;
            params.add(new IntParam(n, p.getLong("low"), p.getLong("high"), p.hasPath("log") && p.getBoolean("log"),
                1, Optional.empty()));
          }
          case "categorical" -> {
            continuous = false;
            params.add(new CategoricalParam(n, new ArrayList<>(p.getAnyRefList("choices")), Optional.empty()));
          }
          default -> throw new IllegalArgumentException(c.getString("name") + ": unknown type " + p.getString("type"));
        }
      }
      SearchSpace space = new SearchSpace(params);
      List<TestPoint> tests = new ArrayList<>();
      for (Config t : c.getConfigList("test_points")) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Param p : params) {
          ConfigValue v = t.getConfig("params").getValue(p.name());
          Object raw = v.unwrapped();
          values.put(p.name(), p instanceof FloatParam ? ((Number) raw).doubleValue()
              : p instanceof IntParam ? ((Number) raw).longValue() : raw);
        }
        tests.add(new TestPoint(new Assignment(values), t.getDouble("value")));
      }
      String name = c.getString("name");
      out.add(new BenchFunction(name, space, c.getDouble("optimum.value"), formula(name), tests, continuous));
    }
    return out;
  }

  /** @throws IllegalStateException naming the first test point the formula gets wrong */
  void check() {
    for (TestPoint t : testPoints) {
      double got = f.applyAsDouble(t.at());
      if (Math.abs(got - t.value()) > 1e-9 * Math.max(1, Math.abs(t.value()))) {
        throw new IllegalStateException(name + " at " + t.at() + ": expected " + t.value() + ", got " + got);
      }
    }
  }

  int dimensions() {
    return space.dimensions();
  }

  private static double[] xs(Assignment a) {
    double[] x = new double[a.values().size()];
    for (int i = 0; i < x.length; i++) x[i] = ((Number) a.get("x" + i)).doubleValue();
    return x;
  }

  private static final double[] H_ALPHA = {1.0, 1.2, 3.0, 3.2};
  private static final double[][] H3_A = {{3, 10, 30}, {0.1, 10, 35}, {3, 10, 30}, {0.1, 10, 35}};
  private static final double[][] H3_P = {{3689, 1170, 2673}, {4699, 4387, 7470}, {1091, 8732, 5547},
      {381, 5743, 8828}};
  private static final double[][] H6_A = {{10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14},
      {3, 3.5, 1.7, 10, 17, 8}, {17, 8, 0.05, 10, 0.1, 14}};
  private static final double[][] H6_P = {{1312, 1696, 5569, 124, 8283, 5886}, {2329, 4135, 8307, 3736, 1004, 9991},
      {2348, 1451, 3522, 2883, 3047, 6650}, {4047, 8828, 8732, 5743, 1091, 381}};

  private static double hartmann(double[] x, double[][] a, double[][] p) {
    double f = 0;
    for (int i = 0; i < 4; i++) {
      double s = 0;
      for (int j = 0; j < x.length; j++) s += a[i][j] * Math.pow(x[j] - 1e-4 * p[i][j], 2);
      f -= H_ALPHA[i] * Math.exp(-s);
    }
    return f;
  }

  private static ToDoubleFunction<Assignment> formula(String name) {
    return switch (name) {
      case "branin" -> a -> {
        double[] x = xs(a);
        double b = 5.1 / (4 * Math.PI * Math.PI);
        double c = 5 / Math.PI;
        double t = 1 / (8 * Math.PI);
        return Math.pow(x[1] - b * x[0] * x[0] + c * x[0] - 6, 2) + 10 * (1 - t) * Math.cos(x[0]) + 10;
      };
      case "hartmann3" -> a -> hartmann(xs(a), H3_A, H3_P);
      case "hartmann6" -> a -> hartmann(xs(a), H6_A, H6_P);
      case "rosenbrock4" -> a -> {
        double[] x = xs(a);
        double f = 0;
        for (int i = 0; i < x.length - 1; i++) f += 100 * Math.pow(x[i + 1] - x[i] * x[i], 2) + Math.pow(x[i] - 1, 2);
        return f;
      };
      case "ackley5" -> a -> {
        double[] x = xs(a);
        double sq = 0;
        double cos = 0;
        for (double v : x) {
          sq += v * v;
          cos += Math.cos(2 * Math.PI * v);
        }
        return -20 * Math.exp(-0.2 * Math.sqrt(sq / x.length)) - Math.exp(cos / x.length) + 20 + Math.E;
      };
      case "goldstein_price" -> a -> {
        double[] x = xs(a);
        double x0 = x[0];
        double x1 = x[1];
        double p = 1 + Math.pow(x0 + x1 + 1, 2) * (19 - 14 * x0 + 3 * x0 * x0 - 14 * x1 + 6 * x0 * x1 + 3 * x1 * x1);
        double q = 30 + Math.pow(2 * x0 - 3 * x1, 2)
            * (18 - 32 * x0 + 12 * x0 * x0 + 48 * x1 - 36 * x0 * x1 + 27 * x1 * x1);
        return p * q;
      };
      case "mixed_hpo" -> a -> {
        double lr = (Double) a.get("lr");
        long depth = (Long) a.get("depth");
        double[] mdb = switch ((String) a.get("optimizer")) {
          case "sgd" -> new double[] {-1, 8, 0.30};
          case "adam" -> new double[] {-3, 5, 0.00};
          case "rmsprop" -> new double[] {-2.5, 10, 0.15};
          default -> throw new IllegalArgumentException("optimizer " + a.get("optimizer"));
        };
        double du = Math.log10(lr) - mdb[0];
        double dd = depth - mdb[1];
        return mdb[2] + 0.1 * du * du + 0.02 * dd * dd + 0.03 * du * dd;
      };
      default -> throw new IllegalArgumentException("no formula for benchmark function '" + name + "'");
    };
  }
}
