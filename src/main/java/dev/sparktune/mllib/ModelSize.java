package dev.sparktune.mllib;

import java.lang.reflect.Method;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.Matrix;
import org.apache.spark.ml.linalg.Vector;

/**
 * The {@code model-size} measure of a fitted model: what it costs to keep and to serve. Tree
 * models count their nodes ({@code totalNumNodes} of a forest or boosted ensemble, {@code numNodes}
 * of one tree); linear models, naive Bayes, factorization machines and perceptrons their non-zero
 * coefficients (an L1 penalty's zeros cost nothing to serve). A pipeline sums its stages. Read
 * through the models' public accessors by name, because MLlib's tree and linear families share no
 * public interface that exposes them. NaN for a model with none of them.
 */
final class ModelSize {
  private ModelSize() {}

  static double of(Transformer model) {
    if (model instanceof PipelineModel p) {
      double sum = 0;
      boolean any = false;
      for (Transformer t : p.stages()) {
        double s = of(t);
        if (!Double.isNaN(s)) {
          sum += s;
          any = true;
        }
      }
      return any ? sum : Double.NaN;
    }
    if (!(model instanceof Model<?>)) return Double.NaN;
    for (String name : new String[] {"totalNumNodes", "numNodes"}) {
      Object v = call(model, name);
      if (v instanceof Number n) return n.doubleValue();
    }
    // Logistic regression (binomial too) keeps a matrix and intercepts; its coefficients() throws when multinomial.
    if (call(model, "coefficientMatrix") instanceof Matrix m) return m.numNonzeros() + nonZeros(call(model, "interceptVector"));
    double sum = 0;
    boolean any = false;
    // Each other family's own parameters: coefficients, theta and pi, factors and linear, weights.
    for (String name : new String[] {"coefficients", "theta", "pi", "factors", "linear", "weights"}) {
      Object v = call(model, name);
      if (v instanceof Matrix || v instanceof Vector) {
        sum += nonZeros(v);
        any = true;
      }
    }
    if (any && call(model, "intercept") instanceof Double d && d != 0) sum += 1;
    return any ? sum : Double.NaN;
  }

  private static double nonZeros(Object v) {
    if (v instanceof Matrix m) return m.numNonzeros();
    if (v instanceof Vector vec) return vec.numNonzeros();
    return 0;
  }

  private static Object call(Object target, String name) {
    try {
      Method m = target.getClass().getMethod(name);
      if (m.getParameterCount() != 0) return null;
      return m.invoke(target);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
