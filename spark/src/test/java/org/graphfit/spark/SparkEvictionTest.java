package org.graphfit.spark;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.api.java.JavaSparkContext;
import org.graphfit.ep.EpResult;
import org.junit.jupiter.api.Test;

/** Executors without the memory to keep their factors rebuild them every sweep, to the same fit. */
class SparkEvictionTest {
  @Test
  void factorsThatCannotBeCachedAreRebuiltEachSweepWithTheSameResult() {
    double[] y = Toys.observations(10, 1);
    EpResult local = Toys.ep().fit(Toys.graph(y));
    AtomicReference<SparkFactorExecutor> executor = new AtomicReference<>();
    EpResult distributed;
    // a few kilobytes of storage memory: no partition of factors fits
    try (JavaSparkContext spark =
        new JavaSparkContext(
            SparkFactorExecutorTest.conf("local[2]").set("spark.memory.fraction", "0.00001"))) {
      distributed =
          Toys.ep()
              .fit(
                  Toys.graph(y),
                  factors -> {
                    executor.set(
                        SparkFactorExecutor.builder(spark, new Toys.PriorSource(y))
                            .partitions(2)
                            .build(factors));
                    return executor.get();
                  });
    }

    assertThat(distributed.summaries()).isEqualTo(local.summaries());
    assertThat(SparkFactorExecutorTest.history(distributed))
        .isEqualTo(SparkFactorExecutorTest.history(local));
    List<SparkJob> jobs = executor.get().jobs();
    assertThat(jobs.size()).isAtLeast(3);
    for (SparkJob job : jobs) {
      assertThat(job.shardsBuilt()).isEqualTo(2);
    }
  }
}
