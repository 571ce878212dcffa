package org.graphfit.spark;

import static com.google.common.truth.Truth.assertThat;

import org.apache.spark.api.java.JavaSparkContext;
import org.graphfit.ep.EpResult;
import org.junit.jupiter.api.Test;

/** A fit through Spark's Kryo serializer, with every serialized class registered or refused. */
class SparkKryoTest {
  @Test
  void aFitThroughKryoEqualsTheLocalFit() {
    double[] y = Toys.observations(10, -2);
    EpResult local = Toys.ep().fit(Toys.graph(y));
    EpResult distributed;
    try (JavaSparkContext spark =
        new JavaSparkContext(
            SparkFactorExecutorTest.conf("local[2]")
                .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .set("spark.kryo.registrationRequired", "true"))) {
      distributed =
          Toys.ep()
              .fit(
                  Toys.graph(y),
                  factors -> SparkFactorExecutor.of(spark, new Toys.PriorSource(y), factors));
    }

    assertThat(distributed.summaries()).isEqualTo(local.summaries());
    assertThat(SparkFactorExecutorTest.history(distributed))
        .isEqualTo(SparkFactorExecutorTest.history(local));
  }
}
