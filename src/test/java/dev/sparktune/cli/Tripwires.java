package dev.sparktune.cli;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Classes that a malicious or mistaken config names, and that must never be initialized from it:
 * each static initializer records its class in {@link #TRIPPED}. A class is initialized before
 * its first instance exists, so an empty set also proves that none was instantiated.
 */
final class Tripwires {
  /** Simple names of the tripwire classes whose static initializer ran. */
  static final Set<String> TRIPPED = ConcurrentHashMap.newKeySet();

  private Tripwires() {}

  /** A plain class: neither an estimator nor a pipeline stage. */
  public static final class PlainClass {
    static {
      TRIPPED.add("PlainClass");
    }
  }

  /** A Spark ML transformer (a pipeline stage, not an estimator) with a public no-argument constructor. */
  public static final class TransformerStage extends Transformer {
    private static final long serialVersionUID = 1L;

    static {
      TRIPPED.add("TransformerStage");
    }

    @Override
    public Dataset<Row> transform(Dataset<?> data) {
      return data.toDF();
    }

    @Override
    public StructType transformSchema(StructType schema) {
      return schema;
    }

    @Override
    public Transformer copy(ParamMap extra) {
      return defaultCopy(extra);
    }

    @Override
    public String uid() {
      return "tripwire";
    }
  }
}
