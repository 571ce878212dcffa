package org.graphfit.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleFunction;
import org.graphfit.analysis.Analysis;
import org.graphfit.analysis.DataIdentity;
import org.graphfit.ep.ExpectationPropagation;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.HierarchicalFactor;
import org.graphfit.prior.Prior;
import org.graphfit.testing.ValueModel;

/**
 * Toy hierarchical graphs: dataset {@code i} observes its centre once, {@code y_i ~ N(x_i, 1)}; the
 * centres have uniform priors (so each has a prior factor updated by quadrature on the driver) and
 * are drawn from a Gaussian parent whose mean and scale are fitted.
 */
final class Toys {
  private Toys() {}

  /** The likelihood of one observation with unit noise, stating its data. */
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

  /** Analysis factor {@code i} of observation {@code y}. */
  static AnalysisFactor<Double> dataset(int i, double y, Prior prior) {
    return dataset(i, new Observation(y), prior);
  }

  /** Analysis factor {@code i} with the given analysis. */
  static AnalysisFactor<Double> dataset(int i, Analysis<Double> analysis, Prior prior) {
    return AnalysisFactor.of(new ValueModel(prior), analysis).named("dataset_" + i);
  }

  /** The graph of the observations. */
  static FactorGraph graph(double[] y) {
    return graph(y, Observation::new);
  }

  /** The graph of the observations with the analyses made for them. */
  static FactorGraph graph(double[] y, DoubleFunction<Analysis<Double>> analyses) {
    FactorGraph graph = new FactorGraph();
    HierarchicalFactor parent =
        HierarchicalFactor.gaussian(Prior.gaussian(0, 10), Prior.uniform(0.1, 5));
    for (int i = 0; i < y.length; i++) {
      AnalysisFactor<Double> factor = dataset(i, analyses.apply(y[i]), Prior.uniform(-50, 50));
      graph.add(factor);
      parent.draw(((ValueModel) factor.model()).value());
    }
    graph.add(parent);
    return graph;
  }

  /** The EP settings of every toy fit. */
  static ExpectationPropagation ep() {
    return ExpectationPropagation.builder().seed(5).maxSweeps(40).build();
  }

  /** Observations spread around {@code centre}, reproducible. */
  static double[] observations(int count, double centre) {
    double[] y = new double[count];
    for (int i = 0; i < count; i++) {
      y[i] = centre + 2 * Math.sin(1.7 * i + 0.3) + 0.5 * Math.cos(5.1 * i);
    }
    return y;
  }

  /** Writes observations to a text file, one per line. */
  static void write(Path file, double[] y) throws IOException {
    StringBuilder text = new StringBuilder();
    for (double value : y) {
      text.append(value).append('\n');
    }
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(temporary, text);
    Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /** Rebuilds analysis factor {@code i} from line {@code i} of a file every executor can read. */
  record FileSource(String file) implements FactorSource {
    @Override
    public AnalysisFactor<Double> analysisFactor(int index) throws IOException {
      List<String> lines = Files.readAllLines(Path.of(file));
      return dataset(index, Double.parseDouble(lines.get(index)), Prior.uniform(-50, 50));
    }
  }

  /**
   * Rebuilds analysis factor {@code i} with a given prior on its centre and its observation
   * shifted.
   */
  record PriorSource(double[] y, double upper, double shift) implements FactorSource {
    /** The driver's prior and data. */
    PriorSource(double[] y) {
      this(y, 50, 0);
    }

    @Override
    public AnalysisFactor<Double> analysisFactor(int index) {
      return dataset(index, y[index] + shift, Prior.uniform(-50, upper));
    }
  }
}
