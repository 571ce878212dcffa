package org.graphfit.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.graphfit.analysis.Analysis;
import org.graphfit.ep.EpResult;
import org.graphfit.ep.ExpectationPropagation;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.HierarchicalFactor;
import org.graphfit.model.ComponentModel;
import org.graphfit.model.Model;
import org.graphfit.model.ModelVisitor;
import org.graphfit.model.Parameter;
import org.graphfit.model.ParameterMapping;
import org.graphfit.prior.Prior;
import org.graphfit.search.Samples;

/** Models, graphs and samples shaped like the examples', for picture tests. */
final class TestGraphs {
  private TestGraphs() {}

  /** A model of named parameters and named child models; its instance is its slot values. */
  static final class TestModel extends ComponentModel<double[]> {
    private final String type;
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, TestModel> children = new LinkedHashMap<>();

    TestModel(String type) {
      this.type = type;
    }

    TestModel parameter(String name, Parameter parameter) {
      parameters.put(name, parameter);
      return this;
    }

    TestModel child(String name, TestModel child) {
      children.put(name, child);
      return this;
    }

    Parameter get(String name) {
      return parameters.get(name);
    }

    @Override
    public TestModel copy(ParameterMapping mapping) {
      TestModel copy = new TestModel(type);
      parameters.forEach((name, parameter) -> copy.parameter(name, mapping.apply(parameter)));
      children.forEach((name, child) -> copy.child(name, child.copy(mapping)));
      return copy;
    }

    @Override
    public String typeName() {
      return type;
    }

    @Override
    public void visitChildren(ModelVisitor visitor) {
      parameters.forEach(visitor::parameter);
      children.forEach((name, child) -> visitor.component(name, (Model<?>) child));
    }

    @Override
    public int slotCount() {
      int count = parameters.size();
      for (TestModel child : children.values()) {
        count += child.slotCount();
      }
      return count;
    }

    @Override
    public double[] instanceFromSlots(double[] slots, int offset) {
      double[] values = new double[slotCount()];
      System.arraycopy(slots, offset, values, 0, values.length);
      return values;
    }

    @Override
    public void slotsFromInstance(double[] instance, double[] slots, int offset) {
      System.arraycopy(instance, 0, slots, offset, instance.length);
    }
  }

  static final Analysis<double[]> FLAT = values -> 0;

  /** A Gaussian profile's parameters with the given centre. */
  static TestModel gaussian(Parameter centre) {
    return new TestModel("Gaussian")
        .parameter("centre", centre)
        .parameter("normalization", Parameter.free(Prior.logUniform(1e-6, 1e6)))
        .parameter("sigma", Parameter.free(Prior.uniform(0, 25)));
  }

  /** {@code n} datasets of one Gaussian each sharing one centre, as in the seed example. */
  static FactorGraph shared(int n) {
    Parameter centre = Parameter.free(Prior.gaussian(50, 30));
    FactorGraph graph = new FactorGraph();
    for (int i = 0; i < n; i++) {
      graph.add(AnalysisFactor.of(gaussian(centre), FLAT).named("dataset_" + i));
    }
    return graph;
  }

  /** A Gaussian and a Gaussian-plus-exponential sharing the centre, as in the heterogeneous one. */
  static FactorGraph heterogeneous() {
    Parameter centre = Parameter.free(Prior.gaussian(50, 30));
    TestModel exponential =
        new TestModel("Exponential")
            .parameter("centre", Parameter.free(Prior.uniform(0, 100)))
            .parameter("normalization", Parameter.free(Prior.logUniform(1e-6, 1e6)))
            .parameter("rate", Parameter.free(Prior.uniform(0, 10)));
    TestModel mixed =
        new TestModel("GaussianPlusExponential")
            .child("gaussian", gaussian(centre))
            .child("exponential", exponential);
    FactorGraph graph = new FactorGraph();
    graph.add(AnalysisFactor.of(gaussian(centre), FLAT).named("gaussian_data"));
    graph.add(AnalysisFactor.of(mixed, FLAT).named("mixed_data"));
    return graph;
  }

  /** {@code n} datasets whose local centres a parent Gaussian draws, as in the hierarchical one. */
  static FactorGraph hierarchical(int n) {
    FactorGraph graph = new FactorGraph();
    HierarchicalFactor centres =
        HierarchicalFactor.gaussian(Prior.uniform(0, 100), Prior.uniform(0.5, 50)).named("centres");
    for (int i = 0; i < n; i++) {
      TestModel model = gaussian(Parameter.free(Prior.uniform(0, 100)));
      graph.add(AnalysisFactor.of(model, FLAT).named("dataset_" + i));
      centres.draw(model.get("centre"));
    }
    graph.add(centres);
    return graph;
  }

  /**
   * {@code n} datasets whose centres a parent Gaussian draws, each with a Gaussian likelihood:
   * centre {@code i} near {@code 40 + 4 i} (sd 2), sigma near 5 (sd 1), normalization near 0.01
   * (0.3 decades), so that Laplace fits are well posed.
   */
  static HierarchyOf hierarchicalWithData(int n) {
    FactorGraph graph = new FactorGraph();
    HierarchicalFactor centres =
        HierarchicalFactor.gaussian(Prior.uniform(0, 100), Prior.uniform(0.5, 50)).named("centres");
    for (int i = 0; i < n; i++) {
      TestModel model = gaussian(Parameter.free(Prior.uniform(0, 100)));
      double centre = 40 + 4 * i;
      Analysis<double[]> analysis =
          values -> {
            double c = (values[0] - centre) / 2;
            double logNorm = (Math.log10(values[1]) + 2) / 0.3;
            double s = values[2] - 5;
            return -0.5 * (c * c + logNorm * logNorm + s * s);
          };
      graph.add(AnalysisFactor.of(model, analysis).named("dataset_" + i));
      centres.draw(model.get("centre"));
    }
    graph.add(centres);
    return new HierarchyOf(graph, centres);
  }

  /** A graph with its hierarchical factor. */
  record HierarchyOf(FactorGraph graph, HierarchicalFactor centres) {}

  /** An EP fit of four datasets by Laplace factors, stopped before it converges, with its trace. */
  record EpFit(HierarchyOf hierarchy, EpResult result, EpTrace trace) {}

  private static EpFit epFit;

  /** The EP fit shared by the tests (made once: an EP fit takes a moment). */
  static synchronized EpFit epFit() {
    if (epFit == null) {
      HierarchyOf hierarchy = hierarchicalWithData(4);
      EpTrace trace = EpTrace.create();
      EpResult result = ep().fit(hierarchy.graph(), trace.recording(1));
      epFit = new EpFit(hierarchy, result, trace);
    }
    return epFit;
  }

  /** The EP settings of {@link #epFit()}: six sweeps at a tolerance it does not reach. */
  static ExpectationPropagation ep() {
    return ExpectationPropagation.builder()
        .threads(1)
        .seed(3)
        .maxSweeps(6)
        .tolerance(1e-12)
        .build();
  }

  /**
   * Equal-weight samples of independent parameters: each column normal with the given mean and
   * standard deviation, or log-normal (the logarithm normal) where {@code log[d]}.
   */
  static Samples samples(
      List<String> names, double[] mean, double[] sd, boolean[] log, int n, long seed) {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
    double[][] vectors = new double[n][names.size()];
    double[] weights = new double[n];
    for (int i = 0; i < n; i++) {
      for (int d = 0; d < names.size(); d++) {
        double z = mean[d] + sd[d] * normal.sample();
        vectors[i][d] = log[d] ? Math.pow(10, z) : z;
      }
      weights[i] = 1.0 / n;
    }
    return Samples.of(names, vectors, new double[n], new double[n], weights);
  }

  /** Names {@code prefix0 .. prefix<n-1>}. */
  static List<String> names(String prefix, int n) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      names.add(prefix + i);
    }
    return names;
  }
}
