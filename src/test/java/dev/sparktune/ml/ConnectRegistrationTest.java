package dev.sparktune.ml;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.ServiceLoader;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Transformer;
import org.junit.jupiter.api.Test;

/**
 * Spark 4's Connect server finds the ML stages a client may name through
 * {@code META-INF/services/org.apache.spark.ml.Estimator} and {@code …Transformer} (models are
 * transformers), listed by {@link ServiceLoader} and built with no-argument constructors, as
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
    // The server lists the providers' types without building them (Spark's own models cannot be
    // built without arguments), then builds the one a client names with (String uid), or calls
    // its static load(String) for a saved one.
    for (Class<?> c : List.of(SparkTune.class, SparkTuneModel.class)) {
      Object o = assertDoesNotThrow(() -> c.getConstructor(String.class).newInstance("from-client"));
      assertEquals("from-client", ((org.apache.spark.ml.util.Identifiable) o).uid());
      assertDoesNotThrow(() -> c.getMethod("load", String.class));
    }
    // ServiceLoader's own provider call needs the public no-argument constructor.
    SparkTune t = (SparkTune) ServiceLoader.load(ESTIMATOR).stream()
        .filter(p -> p.type() == SparkTune.class).findFirst().orElseThrow().get();
    assertTrue(t.uid().startsWith("sparkTune_"), t.uid());
  }
}
