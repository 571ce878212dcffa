package org.graphfit.benchmarks;

import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.graphfit.analysis.Dataset1D;
import org.graphfit.examples.Gaussian;
import org.graphfit.examples.GaussianModel;
import org.graphfit.examples.ProfileAnalysis;
import org.graphfit.model.ModelLayout;
import org.graphfit.model.Parameter;
import org.graphfit.prior.Prior;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one likelihood call through the generated model (free-parameter vector, layout,
 * generated constructor call, 100-pixel Gaussian likelihood) against a hand-written equivalent that
 * calls the record constructor directly, and the same pair with the width a relation {@code sigma =
 * m * 2 + c} of two free parameters. Run with {@code benchmarks/run org.openjdk.jmh.Main
 * MappingBenchmark}; the ratio of the scores of a pair is the mapping overhead. {@code mappingOnly}
 * and {@code relationMappingOnly} time the vector-to-instance mapping alone, so that the cost of a
 * relation, small against the likelihood, is resolved.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(3)
public class MappingBenchmark {
  private static final int POINTS = 1024;

  private ModelLayout<Gaussian> layout;
  private ModelLayout<Gaussian> relationLayout;
  private double[][] relationVectors;
  private ProfileAnalysis<Gaussian> analysis;
  private double[][] vectors;
  private int next;

  /** Simulates a 100-pixel dataset and a fixed set of parameter vectors to cycle through. */
  @Setup
  public void setUp() {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(42L);
    double[] data = new double[100];
    double[] noise = new double[100];
    Gaussian truth = new Gaussian(50, 25, 10);
    for (int i = 0; i < data.length; i++) {
      noise[i] = 0.04;
      data[i] = truth.profile(i) + 0.04 * (rng.nextDouble() - 0.5);
    }
    analysis = new ProfileAnalysis<>(Dataset1D.of(data, noise));
    layout = GaussianModel.withDefaults().layout();
    vectors = new double[POINTS][];
    for (int i = 0; i < POINTS; i++) {
      vectors[i] = layout.randomVector(rng);
    }
    Parameter m = Parameter.free("m", Prior.uniform(0, 5));
    Parameter c = Parameter.free("c", Prior.uniform(0.1, 5));
    relationLayout = GaussianModel.withDefaults().sigma(m.times(2).plus(c)).layout();
    relationVectors = new double[POINTS][];
    for (int i = 0; i < POINTS; i++) {
      relationVectors[i] = relationLayout.randomVector(rng);
    }
  }

  private double[] nextVector() {
    next = (next + 1) & (POINTS - 1);
    return vectors[next];
  }

  /**
   * A likelihood call through the generated mapping.
   *
   * @return the log-likelihood
   */
  @Benchmark
  public double generatedMapping() {
    return analysis.logLikelihood(layout.instanceFromVector(nextVector()));
  }

  /**
   * The same call with the record built by hand.
   *
   * @return the log-likelihood
   */
  @Benchmark
  public double handWritten() {
    double[] vector = nextVector();
    return analysis.logLikelihood(new Gaussian(vector[0], vector[1], vector[2]));
  }

  /**
   * A likelihood call through the generated mapping with the width a relation.
   *
   * @return the log-likelihood
   */
  @Benchmark
  public double relationMapping() {
    return analysis.logLikelihood(relationLayout.instanceFromVector(nextRelationVector()));
  }

  /**
   * The same call with the relation evaluated and the record built by hand.
   *
   * @return the log-likelihood
   */
  @Benchmark
  public double relationHandWritten() {
    double[] vector = nextRelationVector();
    return analysis.logLikelihood(new Gaussian(vector[0], vector[1], vector[2] * 2 + vector[3]));
  }

  /**
   * The mapping alone, free-parameter vector to instance, without the likelihood.
   *
   * @return the instance's width
   */
  @Benchmark
  public double mappingOnly() {
    return layout.instanceFromVector(nextVector()).sigma();
  }

  /**
   * The mapping alone with the width a relation: the relation's own cost is the difference from
   * {@link #mappingOnly()}.
   *
   * @return the instance's width
   */
  @Benchmark
  public double relationMappingOnly() {
    return relationLayout.instanceFromVector(nextRelationVector()).sigma();
  }

  private double[] nextRelationVector() {
    next = (next + 1) & (POINTS - 1);
    return relationVectors[next];
  }
}
