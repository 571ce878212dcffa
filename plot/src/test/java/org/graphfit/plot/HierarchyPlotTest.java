package org.graphfit.plot;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.graphfit.ep.EpResult;
import org.graphfit.ep.VariableSummary;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.GraphResult;
import org.graphfit.graph.HierarchicalFactor;
import org.graphfit.model.ModelLayout;
import org.graphfit.prior.Prior;
import org.graphfit.search.Samples;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.IntervalXYDataset;
import org.junit.jupiter.api.Test;

class HierarchyPlotTest {
  /**
   * A joint fit of five datasets whose samples are independent normals: centre i around 40 + 4 i
   * (sd 1), the parent mean around 50 (sd 0.5), its sigma around 8 (sd 0.1).
   */
  private static GraphResult jointFit(FactorGraph graph) {
    ModelLayout<?> layout = graph.layout();
    List<String> paths = layout.freeParameterPaths();
    int d = paths.size();
    double[] mean = new double[d];
    double[] sd = new double[d];
    boolean[] log = new boolean[d];
    for (int i = 0; i < d; i++) {
      String path = paths.get(i);
      sd[i] = 1;
      if (path.equals("centres.mean")) {
        mean[i] = 50;
        sd[i] = 0.5;
      } else if (path.equals("centres.sigma")) {
        mean[i] = 8;
        sd[i] = 0.1;
      } else if (path.endsWith(".centre")) {
        mean[i] = 40 + 4 * Integer.parseInt(path.substring("dataset_".length(), path.indexOf('.')));
      } else if (path.endsWith(".normalization")) {
        mean[i] = -2;
        log[i] = true;
      } else {
        mean[i] = 5;
      }
    }
    Samples samples = TestGraphs.samples(paths, mean, sd, log, 20_000, 11);
    return graph.fit(CornerPlotTest.returning(samples));
  }

  @Test
  void theParentBandIsThePredictiveMeanAndSdAndEachMemberItsQuantiles() {
    FactorGraph graph = TestGraphs.hierarchical(5);
    HierarchicalFactor centres = graph.hierarchicalFactors().get(0);
    GraphResult result = jointFit(graph);
    HierarchyPlot plot = HierarchyPlot.of(result, centres);

    // the predictive of N(mean, sigma) over the posterior: E[mean], sqrt(E[sigma^2] + Var(mean));
    // 400 draws of mean (sd 0.5) scatter their average by 0.025
    assertThat(plot.parentMean()).isWithin(0.1).of(50);
    assertThat(plot.parentSd()).isWithin(0.15).of(Math.sqrt(64 + 0.01 + 0.25));
    XYPlot members = ((CombinedRangeXYPlot) plot.chart().getXYPlot()).getSubplots().get(0);
    IntervalXYDataset data = (IntervalXYDataset) members.getDataset(0);
    Samples samples = result.global().samples();
    int index = result.global().layout().freeParameterPaths().indexOf("dataset_3.centre");
    assertThat(data.getItemCount(0)).isEqualTo(5);
    assertThat(data.getYValue(0, 3)).isEqualTo(samples.median()[index]);
    assertThat(data.getStartYValue(0, 3)).isEqualTo(samples.valuesAtSigma(1)[0][index]);
    assertThat(data.getEndYValue(0, 3)).isEqualTo(samples.valuesAtSigma(1)[1][index]);
    assertThat(data.getYValue(0, 3)).isWithin(0.1).of(52);
    assertThat(plot.svg()).contains(">dataset_4<");
  }

  @Test
  void truthsAreMarkedOnePerMember() {
    FactorGraph graph = TestGraphs.hierarchical(5);
    HierarchicalFactor centres = graph.hierarchicalFactors().get(0);
    HierarchyPlot plot = HierarchyPlot.of(jointFit(graph), centres);

    XYPlot members =
        ((CombinedRangeXYPlot) plot.truths(new double[] {1, 2, 3, 4, 5}).chart().getXYPlot())
            .getSubplots()
            .get(0);
    assertThat(members.getDataset(1).getYValue(0, 4)).isEqualTo(5.0);
    assertThat(
            assertThrows(IllegalArgumentException.class, () -> plot.truths(new double[3]))
                .getMessage())
        .contains("draws 5 parameters but 3 truths");
  }

  @Test
  void anEpFitGivesThePredictiveOfItsHyperParametersApproximation() {
    TestGraphs.EpFit fit = TestGraphs.epFit();
    EpResult result = fit.result();
    HierarchicalFactor centres = fit.hierarchy().centres();
    HierarchyPlot plot = HierarchyPlot.of(result, centres);

    // the same moments by a fine quadrature over each hyper-parameter's latent Gaussian
    ModelLayout<?> layout = result.graph().layout();
    double[] mean =
        moments(
            result.summary(centres.hyperParameter("mean")),
            layout.prior(layout.indexOf(centres.hyperParameter("mean"))));
    double[] sigma =
        moments(
            result.summary(centres.hyperParameter("sigma")),
            layout.prior(layout.indexOf(centres.hyperParameter("sigma"))));
    double predictiveSd = Math.sqrt(sigma[1] + mean[1] - mean[0] * mean[0]);
    assertThat(plot.parentMean()).isWithin(0.01 * predictiveSd).of(mean[0]);
    assertThat(plot.parentSd()).isWithin(0.02 * predictiveSd).of(predictiveSd);
  }

  /** E[x] and E[x^2] of a latent Gaussian mapped through a prior, by a 4001-point rule. */
  private static double[] moments(VariableSummary summary, Prior prior) {
    double total = 0;
    double first = 0;
    double second = 0;
    for (int k = -2000; k <= 2000; k++) {
      double z = k * 0.004;
      double weight = Math.exp(-0.5 * z * z);
      double x = prior.fromLatent(summary.latentMean() + z * summary.latentSd());
      total += weight;
      first += weight * x;
      second += weight * x * x;
    }
    return new double[] {first / total, second / total};
  }
}
