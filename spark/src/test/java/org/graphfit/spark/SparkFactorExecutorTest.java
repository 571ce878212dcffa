package org.graphfit.spark;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.graphfit.ep.EpFactor;
import org.graphfit.ep.EpResult;
import org.graphfit.ep.EpUpdate;
import org.graphfit.ep.ExpectationPropagation;
import org.graphfit.ep.FactorResult;
import org.graphfit.ep.FactorTask;
import org.graphfit.ep.GaussianMessage;
import org.graphfit.ep.UpdateStatus;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.prior.Prior;
import org.graphfit.testing.ValueModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Expectation propagation with its analysis-factor updates on a local Spark context. */
class SparkFactorExecutorTest {
  private static final double[] Y = Toys.observations(12, 3);
  private static JavaSparkContext spark;

  @BeforeAll
  static void startSpark() {
    spark = new JavaSparkContext(conf("local[2]"));
  }

  @AfterAll
  static void stopSpark() {
    spark.close();
  }

  static SparkConf conf(String master) {
    return new SparkConf()
        .setMaster(master)
        .setAppName("graphfit-test")
        .set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1");
  }

  /** The history without wall times. */
  static List<String> history(EpResult result) {
    List<String> rows = new ArrayList<>();
    for (EpUpdate update : result.history()) {
      rows.add(
          update.sweep()
              + " "
              + update.factor()
              + " "
              + update.status()
              + " "
              + update.kl()
              + " "
              + update.logEvidenceTerm()
              + " "
              + update.message());
    }
    return rows;
  }

  @Test
  void aSparkFitEqualsTheLocalFitBitForBitWithOneJobPerSweep() {
    EpResult local = Toys.ep().fit(Toys.graph(Y));
    AtomicReference<SparkFactorExecutor> executor = new AtomicReference<>();
    EpResult distributed =
        Toys.ep()
            .fit(
                Toys.graph(Y),
                factors -> {
                  executor.set(
                      SparkFactorExecutor.builder(spark, new Toys.PriorSource(Y))
                          .partitions(3)
                          .build(factors));
                  return executor.get();
                });

    assertThat(distributed.converged()).isTrue();
    assertThat(distributed.sweepCount()).isEqualTo(local.sweepCount());
    assertThat(distributed.summaries()).isEqualTo(local.summaries());
    assertThat(distributed.logEvidence()).isEqualTo(local.logEvidence());
    assertThat(history(distributed)).isEqualTo(history(local));
    List<SparkJob> jobs = executor.get().jobs();
    assertThat(jobs).hasSize(distributed.sweepCount());
    for (SparkJob job : jobs) {
      assertThat(job.tasks()).isEqualTo(Y.length);
      assertThat(job.partitions()).isEqualTo(3);
      assertThat(job.shardsBuilt()).isEqualTo(job.sweep() == 1 ? 3 : 0);
    }
    assertThat(spark.sc().getPersistentRDDs().isEmpty()).isTrue();
  }

  @Test
  void aRebuiltFactorWithAnotherPriorFailsTheFitNamingIt() {
    IllegalStateException error =
        assertThrows(
            IllegalStateException.class,
            () ->
                Toys.ep()
                    .fit(
                        Toys.graph(Y),
                        factors ->
                            SparkFactorExecutor.builder(spark, new Toys.PriorSource(Y, 60, 0))
                                .partitions(2)
                                .build(factors)));

    assertThat(error).hasMessageThat().contains("the Spark job of the factor updates failed");
    assertThat(error)
        .hasMessageThat()
        .containsMatch("'dataset_[0-9]+' was rebuilt with another model \\(parameters, priors");
    assertThat(spark.sc().getPersistentRDDs().isEmpty()).isTrue();
  }

  @Test
  void aRebuiltFactorWithOtherDataFailsTheFitNamingIt() {
    IllegalStateException error =
        assertThrows(
            IllegalStateException.class,
            () ->
                Toys.ep()
                    .fit(
                        Toys.graph(Y),
                        factors ->
                            SparkFactorExecutor.builder(spark, new Toys.PriorSource(Y, 50, 1e-9))
                                .partitions(2)
                                .build(factors)));

    assertThat(error)
        .hasMessageThat()
        .containsMatch("'dataset_[0-9]+' was rebuilt with another data \\(or its own search\\)");
  }

  /** Gates the last dataset's likelihood on the driver having received the first result. */
  static final CountDownLatch FIRST_RESULT_HANDED = new CountDownLatch(1);

  /** Two datasets; the second's fit waits until the driver holds the first's result. */
  record GatedSource() implements FactorSource {
    @Override
    public AnalysisFactor<Double> analysisFactor(int index) {
      if (index == 0) {
        return Toys.dataset(0, 1.0, Prior.uniform(-50, 50));
      }
      return AnalysisFactor.<Double>of(
              new ValueModel(Prior.uniform(-50, 50)),
              x -> {
                try {
                  if (!FIRST_RESULT_HANDED.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the first result was not handed over");
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  throw new IllegalStateException(e);
                }
                return -0.5 * (x - 2) * (x - 2);
              })
          .named("dataset_1");
    }
  }

  @Test
  void eachPartitionsResultsAreHandedOverAsSoonAsTheyArrive() {
    FactorGraph graph = new FactorGraph();
    GatedSource source = new GatedSource();
    graph.add(source.analysisFactor(0));
    graph.add(source.analysisFactor(1));
    List<EpFactor> factors = ExpectationPropagation.builder().build().factorsOf(graph);
    List<FactorTask> tasks = new ArrayList<>();
    for (int f = 0; f < factors.size(); f++) {
      GaussianMessage[] flat = {GaussianMessage.UNIFORM};
      tasks.add(
          new FactorTask(
              f, 1, f, flat, new GaussianMessage[] {GaussianMessage.ofMoments(0, 1)}, false, true));
    }
    List<FactorResult> handed = new ArrayList<>();
    try (SparkFactorExecutor executor =
        SparkFactorExecutor.builder(spark, source).partitions(2).build(factors)) {
      executor.execute(
          tasks,
          result -> {
            handed.add(result);
            FIRST_RESULT_HANDED.countDown();
          });
    }

    assertThat(handed).hasSize(2);
    assertThat(handed.get(0).factor()).isEqualTo(0);
    assertThat(handed.get(1).status()).isEqualTo(UpdateStatus.OK);
  }

  @Test
  void partitionsAndDriverThreadsMustBePositive() {
    SparkFactorExecutor.Builder builder =
        SparkFactorExecutor.builder(spark, new Toys.PriorSource(Y));

    assertThat(assertThrows(IllegalArgumentException.class, () -> builder.partitions(0)))
        .hasMessageThat()
        .contains("partitions must be at least 1 but was 0");
    assertThat(assertThrows(IllegalArgumentException.class, () -> builder.driverThreads(0)))
        .hasMessageThat()
        .contains("driverThreads must be at least 1 but was 0");
  }
}
