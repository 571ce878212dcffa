package org.graphfit.ep;

import static com.google.common.truth.Truth.assertThat;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.graphfit.graph.GaussianParent;
import org.graphfit.graph.HierarchicalFactor;
import org.graphfit.model.Parameter;
import org.graphfit.prior.Prior;
import org.junit.jupiter.api.Test;

/**
 * Conjugate hierarchy with known scatter: every factor is Gaussian in latent space, so EP with the
 * Laplace path and exact quadrature must reproduce the exact posterior marginals and evidence.
 */
class ConjugateHierarchyTest {
  private static final int DATASETS = 12;
  private static final double TAU = 2;
  private static final double NOISE = 1.5;
  private static final double MU_PRIOR_SD = 10;

  @Test
  void epMatchesTheClosedFormPosteriorAndEvidence() {
    double[] y = HierarchicalToys.simulate(11, DATASETS, 7, TAU, NOISE);
    Parameter mu = Parameter.free(Prior.gaussian(0, MU_PRIOR_SD));
    HierarchicalFactor hierarchy =
        HierarchicalFactor.of(GaussianParent.INSTANCE, mu, Parameter.fixed(TAU));
    HierarchicalToys toy = HierarchicalToys.of(y, NOISE, hierarchy);

    EpResult result = ExpectationPropagation.builder().seed(3).build().fit(toy.graph);

    // Exact: theta = (x_1..x_N, mu) is jointly Gaussian with precision A and linear term b.
    int n = DATASETS + 1;
    RealMatrix a = new Array2DRowRealMatrix(n, n);
    RealVector b = new ArrayRealVector(n);
    double p = HierarchicalToys.CENTRE_PRIOR_SD;
    double constant = -0.5 * Math.log(2 * Math.PI * MU_PRIOR_SD * MU_PRIOR_SD);
    for (int i = 0; i < DATASETS; i++) {
      a.addToEntry(i, i, 1 / (p * p) + 1 / (NOISE * NOISE) + 1 / (TAU * TAU));
      a.addToEntry(DATASETS, DATASETS, 1 / (TAU * TAU));
      a.addToEntry(i, DATASETS, -1 / (TAU * TAU));
      a.addToEntry(DATASETS, i, -1 / (TAU * TAU));
      b.addToEntry(i, y[i] / (NOISE * NOISE));
      constant +=
          -0.5 * Math.log(2 * Math.PI * p * p)
              - 0.5 * Math.log(2 * Math.PI * NOISE * NOISE)
              - 0.5 * y[i] * y[i] / (NOISE * NOISE)
              - 0.5 * Math.log(2 * Math.PI * TAU * TAU);
    }
    a.addToEntry(DATASETS, DATASETS, 1 / (MU_PRIOR_SD * MU_PRIOR_SD));
    CholeskyDecomposition cholesky = new CholeskyDecomposition(a);
    RealMatrix covariance = cholesky.getSolver().getInverse();
    RealVector mean = covariance.operate(b);
    double logEvidence =
        constant
            + 0.5 * b.dotProduct(mean)
            + 0.5 * n * Math.log(2 * Math.PI)
            - 0.5 * Math.log(cholesky.getDeterminant());

    double exactSd = Math.sqrt(covariance.getEntry(DATASETS, DATASETS));
    VariableSummary fitted = result.summary(mu);
    assertThat(result.converged()).isTrue();
    assertThat(result.failingFactors()).isEmpty();
    assertThat(fitted.mean()).isWithin(0.02 * exactSd).of(mean.getEntry(DATASETS));
    assertThat(fitted.sd()).isWithin(0.05 * exactSd).of(exactSd);
    for (int i = 0; i < DATASETS; i++) {
      double sd = Math.sqrt(covariance.getEntry(i, i));
      VariableSummary centre = result.summary(toy.models.get(i).centre());
      assertThat(centre.mean()).isWithin(0.02 * sd).of(mean.getEntry(i));
      assertThat(centre.sd()).isWithin(0.05 * sd).of(sd);
    }
    assertThat(result.logEvidence()).isWithin(0.01).of(logEvidence);
  }
}
