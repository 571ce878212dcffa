package org.graphfit.ep;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Optional;
import org.graphfit.analysis.Analysis;
import org.graphfit.analysis.DataIdentity;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.HierarchicalFactor;
import org.graphfit.prior.Prior;
import org.graphfit.search.nested.NestedSampling;
import org.graphfit.testing.ValueModel;
import org.junit.jupiter.api.Test;

/** Analysis factors shipped without their model and data, and rebuilt from them elsewhere. */
class PortableFactorTest {
  private static final double[] Y = {1.2, -0.4, 2.5};

  /** The likelihood of one observation, stating its data. */
  record Observation(double y) implements Analysis<Double> {
    @Override
    public double logLikelihood(Double x) {
      return -0.5 * (x - y) * (x - y);
    }

    @Override
    public Optional<DataIdentity> dataIdentity() {
      return Optional.of(DataIdentity.builder().add("y", new double[] {y}).build());
    }
  }

  /** Analysis factor {@code i}: one observation, with the centre drawn from a parent. */
  private static AnalysisFactor<Double> dataset(int i, Prior prior) {
    return dataset(i, Y[i], prior);
  }

  private static AnalysisFactor<Double> dataset(int i, double y, Prior prior) {
    return AnalysisFactor.of(new ValueModel(prior), new Observation(y)).named("dataset_" + i);
  }

  private static FactorGraph graph() {
    FactorGraph graph = new FactorGraph();
    HierarchicalFactor parent =
        HierarchicalFactor.gaussian(Prior.gaussian(0, 10), Prior.uniform(0.1, 5));
    for (int i = 0; i < Y.length; i++) {
      AnalysisFactor<Double> factor = dataset(i, Prior.uniform(-20, 20));
      graph.add(factor);
      parent.draw(((ValueModel) factor.model()).value());
    }
    graph.add(parent);
    return graph;
  }

  private static ExpectationPropagation sampled(int live) {
    return ExpectationPropagation.builder()
        .sampler(NestedSampling.builder().nLive(live).build())
        .build();
  }

  private static FactorTask task(EpFactor factor, int id) {
    GaussianMessage[] cavity = new GaussianMessage[factor.variables().size()];
    java.util.Arrays.fill(cavity, GaussianMessage.ofMoments(0.5, 4));
    return new FactorTask(id, 2, 77, cavity, cavity, false, true);
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  @Test
  void onlyAnalysisFactorsArePortableIndexedInGraphOrder() {
    List<EpFactor> factors = ExpectationPropagation.builder().build().factorsOf(graph());
    List<PortableFactor> portable = PortableFactor.of(factors);

    assertThat(portable).hasSize(Y.length);
    for (int i = 0; i < Y.length; i++) {
      assertThat(portable.get(i).index()).isEqualTo(i);
      assertThat(portable.get(i).name()).isEqualTo("dataset_" + i);
      assertThat(factors.get(portable.get(i).factor()).name()).isEqualTo("dataset_" + i);
    }
  }

  @Test
  void aRebuiltFactorUpdatesExactlyAsTheDriversAfterSerialization() throws Exception {
    List<java.util.function.Supplier<ExpectationPropagation>> settings =
        List.of(() -> ExpectationPropagation.builder().build(), () -> sampled(60));
    for (java.util.function.Supplier<ExpectationPropagation> made : settings) {
      List<EpFactor> factors = made.get().factorsOf(graph());
      for (PortableFactor driver : PortableFactor.of(factors)) {
        PortableFactor shipped = roundTrip(driver);
        EpFactor rebuilt =
            shipped.rebuild(dataset(shipped.index(), Prior.uniform(-20, 20)), made.get());
        FactorTask task = task(rebuilt, driver.factor());
        FactorResult expected = factors.get(driver.factor()).update(task);
        FactorResult actual = rebuilt.update(task);

        assertThat(actual.status()).isEqualTo(UpdateStatus.OK);
        assertThat(actual.moments()).isEqualTo(expected.moments());
        assertThat(actual.logNormalizer()).isEqualTo(expected.logNormalizer());
        assertThat(rebuilt.name()).isEqualTo(driver.name());
        assertThat(rebuilt.variables()).isEqualTo(factors.get(driver.factor()).variables());
      }
    }
  }

  @Test
  void anotherPriorIsRefusedNamingTheModel() {
    PortableFactor driver =
        PortableFactor.of(ExpectationPropagation.builder().build().factorsOf(graph())).get(1);

    IllegalStateException error =
        assertThrows(
            IllegalStateException.class,
            () ->
                driver.rebuild(
                    dataset(1, Prior.uniform(-20, 21)), ExpectationPropagation.builder().build()));
    assertThat(error).hasMessageThat().contains("'dataset_1' was rebuilt with another model");
  }

  @Test
  void otherDataAreRefusedNamingTheData() {
    PortableFactor driver =
        PortableFactor.of(ExpectationPropagation.builder().build().factorsOf(graph())).get(1);

    IllegalStateException error =
        assertThrows(
            IllegalStateException.class,
            () ->
                driver.rebuild(
                    dataset(1, Y[1] + 1e-12, Prior.uniform(-20, 20)),
                    ExpectationPropagation.builder().build()));
    assertThat(error)
        .hasMessageThat()
        .contains(
            "'dataset_1' was rebuilt with another data (or its own search) than the driver's");
  }

  @Test
  void anAnalysisStatingNoDataIdentityIsMarkedUnstated() {
    FactorGraph graph = new FactorGraph();
    graph.add(AnalysisFactor.of(new ValueModel(Prior.uniform(-1, 1)), x -> -x * x).named("a"));

    PortableFactor unstated =
        PortableFactor.of(ExpectationPropagation.builder().build().factorsOf(graph)).get(0);
    PortableFactor stated =
        PortableFactor.of(ExpectationPropagation.builder().build().factorsOf(graph())).get(0);

    assertThat(unstated.identity()).contains("-unstated;");
    assertThat(stated.identity()).doesNotContain("unstated");
  }

  @Test
  void anotherSamplerIsRefusedNamingTheEngine() {
    PortableFactor driver = PortableFactor.of(sampled(60).factorsOf(graph())).get(0);

    IllegalStateException laplace =
        assertThrows(
            IllegalStateException.class,
            () ->
                driver.rebuild(
                    dataset(0, Prior.uniform(-20, 20)), ExpectationPropagation.builder().build()));
    assertThat(laplace).hasMessageThat().contains("another fitting engine");
    IllegalStateException fewerLivePoints =
        assertThrows(
            IllegalStateException.class,
            () -> driver.rebuild(dataset(0, Prior.uniform(-20, 20)), sampled(50)));
    assertThat(fewerLivePoints).hasMessageThat().contains("another fitting engine");
  }

  @Test
  void anotherLaplaceCheckOrFallbackIsRefusedNamingTheEngine() {
    PortableFactor driver =
        PortableFactor.of(ExpectationPropagation.builder().build().factorsOf(graph())).get(0);

    IllegalStateException warnOnly =
        assertThrows(
            IllegalStateException.class,
            () ->
                driver.rebuild(
                    dataset(0, Prior.uniform(-20, 20)),
                    ExpectationPropagation.builder()
                        .onLaplaceMismatch(LaplaceMismatch.WARN)
                        .build()));
    assertThat(warnOnly).hasMessageThat().contains("another fitting engine");
    IllegalStateException otherFallback =
        assertThrows(
            IllegalStateException.class,
            () ->
                driver.rebuild(
                    dataset(0, Prior.uniform(-20, 20)),
                    ExpectationPropagation.builder()
                        .laplaceFallback(NestedSampling.builder().nLive(60).build())
                        .build()));
    assertThat(otherFallback).hasMessageThat().contains("another fitting engine");
  }

  @Test
  void anotherDatasetOrParameterCountIsRefused() {
    PortableFactor driver =
        PortableFactor.of(ExpectationPropagation.builder().build().factorsOf(graph())).get(2);
    ExpectationPropagation settings = ExpectationPropagation.builder().build();

    IllegalStateException shifted =
        assertThrows(
            IllegalStateException.class,
            () -> driver.rebuild(dataset(1, Prior.uniform(-20, 20)), settings));
    assertThat(shifted)
        .hasMessageThat()
        .contains("analysis factor 2 is 'dataset_2' on the driver but was rebuilt as 'dataset_1'");
    IllegalStateException fixed =
        assertThrows(
            IllegalStateException.class,
            () ->
                driver.rebuild(
                    AnalysisFactor.of(
                            org.graphfit.testing.GaussianModel.withDefaults()
                                .centre(Prior.uniform(-20, 20)),
                            g -> 0.0)
                        .named("dataset_2"),
                    settings));
    assertThat(fixed).hasMessageThat().contains("free parameters");
  }
}
