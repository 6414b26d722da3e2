package dev.sparktune.ml;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.ServiceLoader;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Transformer;
import org.junit.jupiter.api.Test;

/**
 * Spark 4's Connect server finds the ML stages a client may name through
 * {@code META-INF/services/org.apache.spark.ml.Estimator} and {@code …Transformer} (models are
 * transformers), instantiated by {@link ServiceLoader} with their no-argument constructors, as
 * Spark's own mllib jar registers its stages. This checks that registration the way the server
 * reads it; no Connect server runs here (spark-connect_2.13 is not served by this machine's Maven).
 */
class ConnectRegistrationTest {
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final Class<Estimator<?>> ESTIMATOR = (Class) Estimator.class;

  @Test
  void theEstimatorAndItsModelAreRegisteredAsSparkLoadsThem() {
    List<String> estimators = ServiceLoader.load(ESTIMATOR).stream().map(p -> p.type().getName()).toList();
    List<String> transformers = ServiceLoader.load(Transformer.class).stream().map(p -> p.type().getName()).toList();
    assertTrue(estimators.contains(SparkTune.class.getName()), estimators.toString());
    assertTrue(transformers.contains(SparkTuneModel.class.getName()), transformers.toString());
    // Spark's own are found the same way, so the lookup is the one the server does.
    assertTrue(estimators.contains("org.apache.spark.ml.classification.LogisticRegression"));
    // The server instantiates every provider: both need a public no-argument constructor.
    for (var p : ServiceLoader.load(ESTIMATOR)) {
      if (p instanceof SparkTune t) assertTrue(t.uid().startsWith("sparkTune_"), t.uid());
    }
    for (var p : ServiceLoader.load(Transformer.class)) {
      if (p instanceof SparkTuneModel m) assertTrue(m.uid().startsWith("sparkTuneModel_"), m.uid());
    }
  }
}
