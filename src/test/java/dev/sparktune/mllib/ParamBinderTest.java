package dev.sparktune.mllib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.config.ConfigError;
import dev.sparktune.config.Settings;
import dev.sparktune.space.Assignment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.Params;
import org.junit.jupiter.api.Test;

/** Assignment and fixed values to typed MLlib params. Plain JUnit, no Spark session. */
class ParamBinderTest {
  private static BuiltEstimator built(String name, Map<String, Object> fixed) {
    return EstimatorCatalog.build(new Settings.Model(name, fixed, List.of()));
  }

  private static ParamMap bind(BuiltEstimator b, Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return new ParamBinder(b).bind(Assignment.of(m));
  }

  private static Object get(ParamMap map, Params owner, String name) {
    return map.apply(owner.getParam(name));
  }

  @Test
  void valuesAreCoercedToTheParamTypes() {
    BuiltEstimator lr = built("logistic-regression", Map.of());
    ParamMap m = bind(lr, "regParam", 0.01, "maxIter", 20L, "aggregationDepth", 3.0, "fitIntercept", false,
        "family", "multinomial", "elasticNetParam", 1L, "thresholds", "0.3, 0.7");
    Params p = lr.predictor();
    assertEquals(0.01, get(m, p, "regParam"));
    assertEquals(20, get(m, p, "maxIter"));          // Long -> Integer
    assertEquals(3, get(m, p, "aggregationDepth"));  // whole Double -> Integer
    assertEquals(false, get(m, p, "fitIntercept"));
    assertEquals("multinomial", get(m, p, "family"));
    assertEquals(1.0, get(m, p, "elasticNetParam"));  // Long -> Double
    assertArrayEquals(new double[] {0.3, 0.7}, (double[]) get(m, p, "thresholds"));
    // the map really drives a copy of the estimator
    LogisticRegression copy = (LogisticRegression) lr.estimator().copy(m);
    assertEquals(20, copy.getMaxIter());
    assertEquals("multinomial", copy.getFamily());
  }

  @Test
  void mlpLayersFromAStringOrAList() {
    BuiltEstimator mlp = built("mlp-classifier", Map.of("layers", List.of(57L, 16L, 2L)));
    assertArrayEquals(new int[] {57, 16, 2}, ((MultilayerPerceptronClassifier) mlp.estimator()).getLayers());
    ParamMap m = bind(mlp, "layers", "57,32,2");
    assertArrayEquals(new int[] {57, 32, 2}, (int[]) get(m, mlp.predictor(), "layers"));
    m = bind(mlp, "layers", "[57, 8, 8, 2]");
    assertArrayEquals(new int[] {57, 8, 8, 2}, (int[]) get(m, mlp.predictor(), "layers"));
    String e = assertThrows(ConfigError.class, () -> bind(mlp, "layers", "57,1.5,2")).getMessage();
    assertTrue(e.startsWith("sparktune.space.layers: MultilayerPerceptronClassifier.layers expects a list of integers"), e);
  }

  @Test
  void stringParamsAcceptNumbersAsTheUserWroteThem() {
    BuiltEstimator rf = built("random-forest-classifier", Map.of("featureSubsetStrategy", 0.5));
    assertEquals("0.5", rf.predictor().getOrDefault(rf.predictor().getParam("featureSubsetStrategy")));
    ParamMap m = bind(rf, "featureSubsetStrategy", "sqrt", "seed", 7L, "numTrees", 30L);
    assertEquals("sqrt", get(m, rf.predictor(), "featureSubsetStrategy"));
    assertEquals(7L, get(m, rf.predictor(), "seed"));  // LongParam stays Long
  }

  @Test
  void errorsNameTheKeyParamAndExpectedType() {
    BuiltEstimator lr = built("logistic-regression", Map.of());
    String e = assertThrows(ConfigError.class, () -> bind(lr, "maxIter", 2.5)).getMessage();
    assertEquals("sparktune.space.maxIter: LogisticRegression.maxIter expects an integer, got 2.5 (double)", e);
    e = assertThrows(ConfigError.class, () -> bind(lr, "regParam", -0.5)).getMessage();
    assertTrue(e.startsWith("sparktune.space.regParam: -0.5 is not valid for LogisticRegression.regParam (regularization parameter (>= 0))"), e);
    e = assertThrows(ConfigError.class, () -> bind(lr, "family", "gaussian")).getMessage();
    assertTrue(e.startsWith("sparktune.space.family: gaussian is not valid for LogisticRegression.family"), e);
    e = assertThrows(ConfigError.class, () -> bind(lr, "regparam", 0.1)).getMessage();
    assertTrue(e.startsWith("sparktune.space.regparam: LogisticRegression has no param 'regparam'; valid params:"), e);
    e = assertThrows(ConfigError.class, () -> bind(lr, "featuresCol", "x")).getMessage();
    assertEquals("sparktune.space.featuresCol: 'featuresCol' names a column, which sparktune wires itself", e);
    e = assertThrows(ConfigError.class, () -> built("logistic-regression", Map.of("lowerBoundsOnIntercepts", "0"))).getMessage();
    assertTrue(e.startsWith("sparktune.model.fixed.lowerBoundsOnIntercepts: LogisticRegression.lowerBoundsOnIntercepts expects a Vector"), e);
    e = assertThrows(ConfigError.class, () -> built("logistic-regression", Map.of("maxIter", "many"))).getMessage();
    assertEquals("sparktune.model.fixed.maxIter: LogisticRegression.maxIter expects an integer, got 'many'", e);
  }

  @Test
  void pipelineParamsResolveToTheirStage() {
    BuiltEstimator p = EstimatorCatalog.build(EstimatorCatalogTest.scaledLr());
    ParamMap m = bind(p, "lr.regParam", 0.1, "scaler.withStd", false);
    assertEquals(0.1, m.apply(p.stages().get("lr").getParam("regParam")));
    assertEquals(false, m.apply(p.stages().get("scaler").getParam("withStd")));
    String e = assertThrows(ConfigError.class, () -> bind(p, "scaler.regParam", 0.1)).getMessage();
    assertTrue(e.startsWith("sparktune.space.scaler.regParam: StandardScaler has no param 'regParam'; valid params: "
        + "withMean, withStd"), e);
  }
}
