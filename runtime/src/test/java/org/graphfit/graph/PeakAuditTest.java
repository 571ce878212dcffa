package org.graphfit.graph;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.graphfit.analysis.Analysis;
import org.graphfit.analysis.DataIdentity;
import org.graphfit.model.CollectionInstance;
import org.graphfit.model.Parameter;
import org.graphfit.prior.Prior;
import org.graphfit.search.Check;
import org.graphfit.search.Concern;
import org.graphfit.search.Result;
import org.graphfit.search.SearchProblem;
import org.graphfit.search.SearchProblems;
import org.graphfit.search.nested.NestedSampling;
import org.graphfit.testing.Gaussian;
import org.graphfit.testing.GaussianModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Check#MISSED_LIKELIHOOD} on graphs whose factors share a centre {@code c ~ U(-10, 10)} and
 * each have a normalization {@code a ~ U(0, 1)}, with the log-likelihood {@code w(c) (3 - 30
 * sigmoid((a - 0.6) / 0.05))}, {@code w(c) = exp(-c^2 / 2)}: near {@code c = 0} a factor gains 3
 * nats if its {@code a} is below 0.6 and loses 27 if not, and far from it every factor's likelihood
 * tends to 0 whatever its {@code a}. The likelihood peaks at {@code N * 3} nats, but above {@code
 * -1} nat almost all of the constrained prior is far from the centre (any {@code a}), and near it
 * only a share {@code 0.6^N} of the normalizations: a phase transition that nested sampling at 50
 * live points does not follow for 20 factors, and follows for 2.
 */
class PeakAuditTest {
  private static final double GAIN = 3;
  private static final double LOSS = 30;
  private static final double EDGE = 0.6;
  private static final double STEEPNESS = 0.05;

  /** One factor of the toy; factors are alike, the index only names the data. */
  private record Plateau(int index) implements Analysis<Gaussian> {
    @Override
    public double logLikelihood(Gaussian instance) {
      double c = instance.centre();
      return Math.exp(-c * c / 2) * (GAIN - LOSS * sigmoid(instance.normalization()));
    }

    @Override
    public Optional<DataIdentity> dataIdentity() {
      return Optional.of(DataIdentity.builder().add("plateau", index).build());
    }
  }

  private static double sigmoid(double a) {
    double z = (a - EDGE) / STEEPNESS;
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  private static FactorGraph toy(int factors) {
    FactorGraph graph = new FactorGraph();
    Parameter centre = Parameter.free("c", Prior.uniform(-10, 10));
    for (int i = 0; i < factors; i++) {
      GaussianModel model =
          GaussianModel.unset().centre(centre).normalization(Prior.uniform(0, 1)).sigma(1.0);
      graph.add(AnalysisFactor.of(model, new Plateau(i)).named("factor_" + i));
    }
    return graph;
  }

  private static NestedSampling.Builder nested(long seed) {
    return NestedSampling.builder().nLive(50).seed(seed);
  }

  /**
   * The exact log evidence of the toy by quadrature: {@code log (1/20) int dc g(c)^N} with {@code
   * g(c) = int_0^1 da exp(w(c) (3 - 30 sigmoid))}, both by Simpson's rule.
   */
  private static double exactLogEvidence(int factors) {
    int aPoints = 2001;
    int cPoints = 4001;
    double[] logG = new double[cPoints];
    double maxLog = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < cPoints; k++) {
      double c = -10 + 20.0 * k / (cPoints - 1);
      double w = Math.exp(-c * c / 2);
      double g = 0;
      for (int j = 0; j < aPoints; j++) {
        double a = (double) j / (aPoints - 1);
        g += simpson(j, aPoints) * Math.exp(w * (GAIN - LOSS * sigmoid(a)));
      }
      logG[k] = factors * Math.log(g / (3.0 * (aPoints - 1)));
      maxLog = Math.max(maxLog, logG[k]);
    }
    double sum = 0;
    for (int k = 0; k < cPoints; k++) {
      sum += simpson(k, cPoints) * Math.exp(logG[k] - maxLog);
    }
    return maxLog + Math.log(sum * 20.0 / (3.0 * (cPoints - 1)) / 20);
  }

  private static double simpson(int index, int points) {
    return index == 0 || index == points - 1 ? 1 : index % 2 == 1 ? 4 : 2;
  }

  private static Optional<Concern> missed(Result<?> result) {
    return result.concerns().stream()
        .filter(concern -> concern.check() == Check.MISSED_LIKELIHOOD)
        .findFirst();
  }

  @Test
  void aFitThatMissedThePeakIsFlagged() {
    double exact = exactLogEvidence(20);
    for (long seed = 1; seed <= 3; seed++) {
      Result<CollectionInstance> result = toy(20).fit(nested(seed).threads(1).build()).global();
      // the fit is wrong: log Z tens of reported errors low, the centre spread over the prior
      assertThat(exact - result.logEvidence()).isGreaterThan(20 * result.logEvidenceError());
      assertThat(result.samples().standardDeviation()[0]).isGreaterThan(3);
      assertThat(missed(result)).isPresent();
      assertThat(result.trustworthy()).isFalse();
      assertThat(result.diagnostics().get("climb_excess"))
          .isGreaterThan(result.diagnostics().get("climb_margin"));
      assertThat(missed(result).get().message()).contains("factor_0.c");
    }
  }

  @Test
  void aFitThatFollowedTheTransitionIsNotFlagged() {
    double exact = exactLogEvidence(2);
    for (long seed = 1; seed <= 3; seed++) {
      Result<CollectionInstance> result = toy(2).fit(nested(seed).threads(1).build()).global();
      assertThat(result.logEvidence()).isWithin(4 * result.logEvidenceError()).of(exact);
      assertThat(missed(result)).isEmpty();
      assertThat(result.diagnostics().get("climb_excess"))
          .isAtMost(result.diagnostics().get("climb_margin"));
    }
  }

  @Test
  void theAuditDoesNotDependOnTheThreads() {
    Result<CollectionInstance> one = toy(20).fit(nested(4).threads(1).build()).global();
    Result<CollectionInstance> two = toy(20).fit(nested(4).threads(2).build()).global();
    assertThat(missed(one)).isPresent();
    assertThat(two.concerns()).isEqualTo(one.concerns());
    for (String name : List.of("climb_log_likelihood", "climb_excess", "climb_calls")) {
      assertThat(two.diagnostics().get(name)).isEqualTo(one.diagnostics().get(name));
    }
    assertThat(two.likelihoodCalls()).isEqualTo(one.likelihoodCalls());
  }

  @Test
  void theConcernReachesEveryFileAndSurvivesLoading(@TempDir Path root) throws IOException {
    NestedSampling search = nested(1).threads(1).output(root, "peak/missed").build();
    Result<CollectionInstance> fitted = toy(20).fit(search).global();
    assertThat(missed(fitted)).isPresent();
    Path folder = search.outputPath(toy(20).layout(), toy(20).analysis()).orElseThrow();
    for (String file : List.of("model.results", "search.summary", "files/samples_summary.json")) {
      assertThat(Files.readString(folder.resolve(file))).contains("MISSED_LIKELIHOOD");
    }
    Result<CollectionInstance> loaded = toy(20).fit(search).global();
    assertThat(loaded.concerns()).isEqualTo(fitted.concerns());
    assertThat(loaded.likelihoodCalls()).isEqualTo(fitted.likelihoodCalls());
  }

  /** Measurements {@code y_i} of centres drawn from a Gaussian parent. */
  private record Measured(double y) implements Analysis<Gaussian> {
    @Override
    public double logLikelihood(Gaussian instance) {
      double z = (instance.centre() - y) / 0.5;
      return -0.5 * z * z;
    }

    @Override
    public Optional<DataIdentity> dataIdentity() {
      return Optional.of(DataIdentity.builder().add("y", new double[] {y}).build());
    }
  }

  @Test
  void sharedAndHierarchicalGraphsThatFitAreNotFlagged() {
    double[] ys = {47.1, 52.3, 49.0, 55.8, 44.2};
    FactorGraph shared = new FactorGraph();
    Parameter centre = Parameter.free("centre", Prior.uniform(0, 100));
    FactorGraph hierarchical = new FactorGraph();
    HierarchicalFactor parent =
        HierarchicalFactor.gaussian(Prior.gaussian(50, 30), Prior.logUniform(0.1, 50));
    for (int i = 0; i < ys.length; i++) {
      shared.add(
          AnalysisFactor.of(
                  GaussianModel.unset().centre(centre).normalization(1.0).sigma(1.0),
                  new Measured(ys[i]))
              .named("dataset_" + i));
      GaussianModel own =
          GaussianModel.unset().centre(Prior.uniform(0, 100)).normalization(1.0).sigma(1.0);
      hierarchical.add(AnalysisFactor.of(own, new Measured(ys[i])).named("dataset_" + i));
      parent.draw(own.centre());
    }
    hierarchical.add(parent);
    for (FactorGraph graph : List.of(shared, hierarchical)) {
      for (long seed = 1; seed <= 3; seed++) {
        Result<CollectionInstance> result = graph.fit(nested(seed).nLive(100).build()).global();
        assertThat(missed(result)).isEmpty();
        assertThat(result.diagnostics()).containsKey("climb_excess");
      }
    }
  }

  /** A factor whose likelihood grows without limit as its normalization goes to zero. */
  private record Spike(double y) implements Analysis<Gaussian> {
    @Override
    public double logLikelihood(Gaussian instance) {
      double z = instance.centre() - y;
      return -0.5 * z * z - 0.5 * Math.log(instance.normalization());
    }

    @Override
    public Optional<DataIdentity> dataIdentity() {
      return Optional.of(DataIdentity.builder().add("spike", new double[] {y}).build());
    }
  }

  @Test
  void climbsIntoABoundSpikeAreLeftOut() {
    FactorGraph graph = new FactorGraph();
    Parameter centre = Parameter.free("centre", Prior.uniform(-10, 10));
    for (int i = 0; i < 2; i++) {
      graph.add(
          AnalysisFactor.of(
                  GaussianModel.unset()
                      .centre(centre)
                      .normalization(Prior.uniform(0, 1))
                      .sigma(1.0),
                  new Spike(i))
              .named("dataset_" + i));
    }
    Result<CollectionInstance> result = graph.fit(nested(1).build()).global();
    // both climbs ran into the spike at normalization 0, where log L far exceeds every sample's:
    // kept, they would fail the check
    assertThat(missed(result)).isEmpty();
    assertThat(result.diagnostics().get("climb_spikes")).isEqualTo(2.0);
  }

  @Test
  void aSpikeDivergesAndAMaximumOnTheBoundDoesNot() {
    Prior[] priors = {Prior.uniform(0, 1)};
    SearchProblem spike = SearchProblems.of(priors, x -> -0.5 * Math.log(x[0]));
    SearchProblem flat = SearchProblems.of(priors, x -> -x[0]);
    double[] near = {1e-8};
    assertThat(PeakAudit.endsInSpike(spike, near, spike.logLikelihood(near))).isTrue();
    assertThat(PeakAudit.endsInSpike(flat, near, flat.logLikelihood(near))).isFalse();
    double[] far = {0.3};
    assertThat(PeakAudit.endsInSpike(spike, far, spike.logLikelihood(far))).isFalse();
    // at the smallest distance a double holds, the gain over the last factor of approach decides
    double[] closest = {Double.MIN_VALUE};
    assertThat(PeakAudit.endsInSpike(spike, closest, spike.logLikelihood(closest))).isTrue();
    SearchProblem level = SearchProblems.of(priors, x -> 2.5);
    assertThat(PeakAudit.endsInSpike(level, closest, level.logLikelihood(closest))).isFalse();
  }

  @Test
  void theMarginIsHalfTheMedianOfChiSquaredPlusOne() {
    // median of chi2(61) is 60.3345 (k (1 - 2 / (9k))^3 = 60.335)
    assertThat(PeakAudit.margin(61)).isWithin(0.01).of(60.3345 / 2 + 1);
    assertThat(PeakAudit.margin(1)).isWithin(1e-4).of(0.454937 / 2 + 1);
  }
}
