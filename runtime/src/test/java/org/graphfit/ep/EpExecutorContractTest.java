package org.graphfit.ep;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.graphfit.analysis.Analysis;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.prior.Prior;
import org.graphfit.search.nested.NestedSampling;
import org.graphfit.testing.ValueModel;
import org.junit.jupiter.api.Test;

/** What EP requires of an executor, and what a factor that never updates does to the evidence. */
class EpExecutorContractTest {

  private static FactorGraph graph(Analysis<Double> second) {
    FactorGraph graph = new FactorGraph();
    graph.add(
        AnalysisFactor.of(new ValueModel(Prior.gaussian(0, 10)), x -> -0.5 * (x - 1) * (x - 1)));
    graph.add(AnalysisFactor.of(new ValueModel(Prior.gaussian(0, 10)), second));
    return graph;
  }

  @Test
  void resultsOutOfTaskOrderAreRefused() {
    ExpectationPropagation ep = ExpectationPropagation.builder().seed(1).build();
    IllegalStateException error =
        assertThrows(
            IllegalStateException.class,
            () ->
                ep.fit(
                    graph(x -> -0.5 * x * x),
                    factors ->
                        new FactorExecutor() {
                          private final LocalFactorExecutor local =
                              LocalFactorExecutor.of(factors, 1);

                          @Override
                          public List<FactorResult> execute(List<FactorTask> tasks) {
                            List<FactorResult> results = new ArrayList<>(local.execute(tasks));
                            Collections.reverse(results);
                            return results;
                          }

                          @Override
                          public void close() {
                            local.close();
                          }
                        }));
    assertThat(error).hasMessageThat().contains("results must come back in task order");
  }

  @Test
  void aFactorThatNeverUpdatesLeavesTheEvidenceUnknown() {
    Analysis<Double> broken =
        x -> {
          throw new ArithmeticException("no data");
        };
    EpResult result =
        ExpectationPropagation.builder().seed(1).maxSweeps(3).build().fit(graph(broken));

    assertThat(result.failingFactors()).hasSize(1);
    assertThat(result.converged()).isFalse();
    assertThat(result.logEvidence()).isNaN();
    assertThat(result.logEvidenceApproximate()).isFalse();
  }

  @Test
  void anExcludedFactorsOwnPriorStaysNormalizedInTheEvidence() {
    Analysis<Double> broken =
        x -> {
          throw new ArithmeticException("no data");
        };
    EpResult result = ExpectationPropagation.builder().seed(1).build().fit(graph(broken));

    assertThat(result.converged()).isTrue();
    assertThat(result.excludedFactors()).containsExactly("factor_1");
    // the first factor alone: log of the integral of N(x; 0, 10) exp(-(x - 1)^2 / 2)
    assertThat(result.logEvidence()).isWithin(1e-9).of(-0.5 * Math.log(101) - 1.0 / 202);
  }

  @Test
  void sampledFactorsReportFailedCallsAndUnconvergedSearches() {
    Analysis<Double> partly =
        x -> {
          if (x > 5) {
            throw new ArithmeticException("outside the data");
          }
          return -0.5 * x * x;
        };
    EpResult sampled =
        ExpectationPropagation.builder()
            .seed(1)
            .maxSweeps(2)
            .sampler(NestedSampling.builder().nLive(50).build())
            .build()
            .fit(graph(partly));
    assertThat(
            sampled.history().stream()
                .anyMatch(update -> update.message().contains("likelihood calls failed")))
        .isTrue();

    EpResult stopped =
        ExpectationPropagation.builder()
            .seed(1)
            .maxSweeps(2)
            .sampler(NestedSampling.builder().nLive(50).maxIterations(10).build())
            .build()
            .fit(graph(x -> -0.5 * x * x));
    assertThat(stopped.failingFactors()).isNotEmpty();
    assertThat(stopped.converged()).isFalse();
  }
}
