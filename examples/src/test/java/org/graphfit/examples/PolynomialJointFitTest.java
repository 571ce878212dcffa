package org.graphfit.examples;

import static com.google.common.truth.Truth.assertThat;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.graphfit.analysis.Dataset1D;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.model.CollectionInstance;
import org.graphfit.search.Result;
import org.graphfit.search.nested.NestedSampling;
import org.junit.jupiter.api.Test;

/**
 * A polynomial background, a {@code double[]} parameter shared element by element, fitted jointly
 * over three datasets. The model is linear in the coefficients and the priors are flat and far
 * wider than the posterior, so the posterior is the least-squares Gaussian: mean {@code (A'A)^-1
 * A'y} and covariance {@code sigma^2 (A'A)^-1} over the stacked design matrix.
 */
class PolynomialJointFitTest {
  private static final double[] TRUE = {2.0, -3.0, 4.0};
  private static final double NOISE = 0.5;
  private static final int PIXELS = 100;
  private static final int DATASETS = 3;

  @Test
  void sharedArrayCoefficientsMatchTheLeastSquaresPosterior() {
    UniformRandomProvider rng = RandomSource.SPLIT_MIX_64.create(23L);
    ZigguratSampler.NormalizedGaussian normal = ZigguratSampler.NormalizedGaussian.of(rng);
    Polynomial truth = new Polynomial(TRUE);
    FactorGraph graph = new FactorGraph();
    RealMatrix design = new Array2DRowRealMatrix(DATASETS * PIXELS, 3);
    RealVector observed = new ArrayRealVector(DATASETS * PIXELS);
    for (int d = 0; d < DATASETS; d++) {
      double[] data = new double[PIXELS];
      double[] noise = new double[PIXELS];
      for (int x = 0; x < PIXELS; x++) {
        data[x] = truth.profile(x) + NOISE * normal.sample();
        noise[x] = NOISE;
        for (int k = 0; k < 3; k++) {
          design.setEntry(d * PIXELS + x, k, Math.pow(x / 100.0, k));
        }
        observed.setEntry(d * PIXELS + x, data[x]);
      }
      graph.add(
          AnalysisFactor.of(
                  PolynomialModel.withDefaults(),
                  new ProfileAnalysis<Polynomial>(Dataset1D.of(data, noise)))
              .named("dataset_" + d));
    }
    RealMatrix inverse =
        new LUDecomposition(design.transpose().multiply(design)).getSolver().getInverse();
    RealVector mean = inverse.operate(design.transpose().operate(observed));

    assertThat(graph.layout().freeParameterPaths())
        .containsExactly(
            "dataset_0.coefficients.0", "dataset_0.coefficients.1", "dataset_0.coefficients.2")
        .inOrder();
    assertThat(graph.globalParameters()).hasSize(3);
    Result<CollectionInstance> result =
        graph.fit(NestedSampling.builder().nLive(200).seed(3).threads(1).build()).global();

    double[] fittedMean = result.samples().mean();
    double[] fittedSd = result.samples().standardDeviation();
    for (int k = 0; k < 3; k++) {
      double sd = NOISE * Math.sqrt(inverse.getEntry(k, k));
      // 200 live points: the mean's Monte Carlo error is about sd / sqrt(ESS ~ 500)
      assertThat(fittedMean[k]).isWithin(0.25 * sd).of(mean.getEntry(k));
      assertThat(fittedSd[k]).isWithin(0.15 * sd).of(sd);
      assertThat(mean.getEntry(k)).isWithin(4 * sd).of(TRUE[k]);
    }
    Polynomial median = (Polynomial) result.medianPdfInstance().get("dataset_1");
    assertThat(median.coefficients())
        .usingExactEquality()
        .containsExactly(result.samples().median());
  }
}
