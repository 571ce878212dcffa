package org.graphfit.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.graphfit.analysis.Analysis;
import org.graphfit.analysis.Dataset1D;
import org.graphfit.ep.EpResult;
import org.graphfit.ep.ExpectationPropagation;
import org.graphfit.examples.Gaussian;
import org.graphfit.examples.GaussianModel;
import org.graphfit.examples.ProfileAnalysis;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.HierarchicalFactor;
import org.graphfit.prior.Prior;

/**
 * A seeded simulator of hierarchical 1-D Gaussian datasets: {@code N} datasets of 100 pixels, each
 * a Gaussian profile (sigma 10, normalization 60) whose centre is drawn from a parent {@code N(50,
 * scatter)}, plus Gaussian noise of known sd 0.5. The graph fits each centre (prior {@code N(50,
 * 50)}), optionally each normalization (prior log-Gaussian around 60), and the parent mean (prior
 * {@code N(50, 30)}) and scatter (prior log-uniform on {@code [0.1, 50]}).
 */
final class HierarchicalSimulation {
  static final double PARENT_MEAN = 50;
  static final double SCATTER = 10;
  static final int PIXELS = 100;
  static final double NOISE = 0.5;
  static final double NORMALIZATION = 60;
  static final double WIDTH = 10;

  final FactorGraph graph = new FactorGraph();
  final HierarchicalFactor hierarchy =
      HierarchicalFactor.gaussian(Prior.gaussian(50, 30), Prior.logUniform(0.1, 50));

  /** The data of the graph's datasets whose likelihood is healthy, in graph order. */
  final List<Dataset1D> healthyData = new ArrayList<>();

  /**
   * Each simulated dataset's pixel values, dropped ones included; the noise sd is {@link #NOISE}.
   */
  final List<double[]> data = new ArrayList<>();

  private HierarchicalSimulation() {}

  /**
   * A warm-up before measuring: an EP fit of a small simulated graph (free normalizations), so that
   * the first measured run does not pay for class loading and JIT compilation.
   *
   * @param seed the seed of the simulation and of EP
   * @param datasets the number of datasets
   * @param sweeps EP's sweeps
   * @return the result, whose {@link EpResult#graph()} is the graph
   */
  static EpResult warmUp(long seed, int datasets, int sweeps) {
    return ExpectationPropagation.builder()
        .seed(seed)
        .maxSweeps(sweeps)
        .build()
        .fit(of(seed, datasets, true).graph);
  }

  /**
   * Simulates and builds the graph.
   *
   * @param seed the simulation seed
   * @param datasets the number of datasets
   * @param freeNormalization whether each normalization is fitted too
   * @return the simulation
   */
  static HierarchicalSimulation of(long seed, int datasets, boolean freeNormalization) {
    return of(seed, datasets, freeNormalization, i -> Fault.NONE);
  }

  /**
   * Simulates the same data as {@link #of(long, int, boolean)} and builds the graph with a fault
   * injected into some datasets.
   *
   * @param seed the simulation seed
   * @param datasets the number of datasets
   * @param freeNormalization whether each normalization is fitted too
   * @param faults the fault of each dataset, by index
   * @return the simulation
   */
  static HierarchicalSimulation of(
      long seed, int datasets, boolean freeNormalization, IntFunction<Fault> faults) {
    HierarchicalSimulation simulation = new HierarchicalSimulation();
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {seed, 0x51b});
    ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
    for (int i = 0; i < datasets; i++) {
      double centre = PARENT_MEAN + SCATTER * gaussian.sample();
      Gaussian truth = new Gaussian(centre, NORMALIZATION, WIDTH);
      double[] data = new double[PIXELS];
      double[] noise = new double[PIXELS];
      for (int x = 0; x < PIXELS; x++) {
        noise[x] = NOISE;
        data[x] = truth.profile(x) + NOISE * gaussian.sample();
      }
      simulation.data.add(data);
      Fault fault = faults.apply(i);
      if (fault == Fault.DROPPED) {
        continue;
      }
      AnalysisFactor<Gaussian> factor = dataset(i, data, noise, freeNormalization, fault);
      if (fault == Fault.NONE) {
        simulation.healthyData.add(Dataset1D.of(data, noise));
      }
      simulation.graph.add(factor);
      simulation.hierarchy.draw(((GaussianModel) factor.model()).centre());
    }
    simulation.graph.add(simulation.hierarchy);
    return simulation;
  }

  /**
   * The analysis factor of one dataset, as the graph holds it.
   *
   * @param i the dataset's index
   * @param data its pixel values
   * @param noise its noise sd per pixel
   * @param freeNormalization whether its normalization is fitted
   * @param fault what is wrong with its likelihood
   * @return the factor, named {@code dataset_<i>}
   */
  static AnalysisFactor<Gaussian> dataset(
      int i, double[] data, double[] noise, boolean freeNormalization, Fault fault) {
    GaussianModel model = GaussianModel.withDefaults().centre(Prior.gaussian(50, 50)).sigma(WIDTH);
    if (freeNormalization) {
      model.normalization(Prior.logGaussian(Math.log(NORMALIZATION), 1));
    } else {
      model.normalization(NORMALIZATION);
    }
    String name = "dataset_" + i;
    Analysis<Gaussian> analysis =
        switch (fault) {
          case THROWS ->
              g -> {
                throw new IllegalStateException("injected fault in " + name);
              };
          case NAN -> g -> Double.NaN;
          default -> new ProfileAnalysis<>(Dataset1D.of(data, noise));
        };
    return AnalysisFactor.of(model, analysis).named(name);
  }

  /** What is wrong with a dataset's likelihood. */
  enum Fault {
    /** Nothing. */
    NONE,
    /** Every call throws. */
    THROWS,
    /** Every call returns NaN. */
    NAN,
    /** The dataset is simulated but left out of the graph. */
    DROPPED
  }
}
