package org.graphfit.spark;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.graphfit.ep.EpFactor;
import org.graphfit.ep.EpResult;
import org.graphfit.ep.ExpectationPropagation;
import org.graphfit.ep.VariableSummary;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.HierarchicalFactor;
import org.graphfit.prior.Prior;
import org.graphfit.testing.ValueModel;
import org.junit.jupiter.api.Test;

/** Expectation propagation with its factor updates on a local Spark cluster. */
class SparkFactorExecutorTest {
  private static final double[] OBSERVATIONS = {1.2, -0.4, 2.5, 0.3, 1.9, 0.8, -1.1, 1.4};

  /** Eight datasets of one observation each, their values drawn from a fitted parent Gaussian. */
  static FactorGraph graph() {
    FactorGraph graph = new FactorGraph();
    HierarchicalFactor parent =
        HierarchicalFactor.gaussian(Prior.gaussian(0, 10), Prior.uniform(0.1, 5));
    for (int i = 0; i < OBSERVATIONS.length; i++) {
      double y = OBSERVATIONS[i];
      ValueModel model = new ValueModel(Prior.gaussian(0, 20));
      graph.add(AnalysisFactor.of(model, x -> -0.5 * (x - y) * (x - y)).named("dataset_" + i));
      parent.draw(model.value());
    }
    graph.add(parent);
    return graph;
  }

  static ExpectationPropagation ep() {
    return ExpectationPropagation.builder().seed(5).maxSweeps(30).build();
  }

  /** Rebuilds the same graph and factors on a worker. */
  static final class ToySource implements FactorSource {
    private static final long serialVersionUID = 1L;

    @Override
    public String id() {
      return "spark-test-toy";
    }

    @Override
    public List<EpFactor> factors() {
      return ep().factorsOf(graph());
    }
  }

  @Test
  void sparkFitEqualsTheLocalFitBitForBit() {
    EpResult local = ep().fit(graph());
    SparkConf conf =
        new SparkConf()
            .setMaster("local[2]")
            .setAppName("graphfit-test")
            .set("spark.ui.enabled", "false")
            .set("spark.driver.host", "127.0.0.1")
            .set("spark.driver.bindAddress", "127.0.0.1");
    EpResult distributed;
    try (JavaSparkContext spark = new JavaSparkContext(conf)) {
      spark.setLogLevel("ERROR");
      FactorGraph graph = graph();
      distributed =
          ep().fit(graph, factors -> SparkFactorExecutor.of(spark, new ToySource(), factors, 4));
    }

    assertThat(distributed.converged()).isTrue();
    assertThat(distributed.sweepCount()).isEqualTo(local.sweepCount());
    List<VariableSummary> expected = local.summaries();
    List<VariableSummary> actual = distributed.summaries();
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void partitionsMustBePositive() {
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class,
        () -> SparkFactorExecutor.of(null, new ToySource(), List.of(), 0));
  }

  @Test
  void aWorkerThatBuildsOtherFactorsRefusesToRun() {
    List<EpFactor> driver = new ToySource().factors();
    String fingerprint = SparkFactorExecutor.fingerprint(driver.subList(0, driver.size() - 1));

    IllegalStateException error =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalStateException.class,
            () -> SparkFactorExecutor.factors(new ToySource(), fingerprint));
    assertThat(error).hasMessageThat().contains("built other factors on this worker");
  }
}
