package org.graphfit.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.graphfit.model.CollectionInstance;
import org.graphfit.model.ModelLayout;
import org.graphfit.model.Parameter;
import org.graphfit.prior.Prior;
import org.graphfit.search.Check;
import org.graphfit.search.Concern;
import org.graphfit.search.RunAudit;
import org.graphfit.search.Samples;
import org.graphfit.search.SearchProblem;
import org.graphfit.search.SearchProblems;
import org.graphfit.search.TaskRunner;
import org.graphfit.search.optimize.Objective;
import org.graphfit.search.optimize.QuasiNewtonOptimizer;

/**
 * The {@link Check#MISSED_LIKELIHOOD} audit of a joint fit: does a local climb of the joint
 * likelihood find a maximum far above the run's best sample?
 *
 * <p>Each analysis factor is climbed alone (its log-likelihood plus its priors, over its own
 * parameters, shared ones included) with L-BFGS from {@value #DRAWS} prior draws, seeded by the
 * fit's seed, the factor and the draw, so that the audit does not depend on the threads. A shared
 * parameter starts the joint climb at the median of its factors' best climbs; every other parameter
 * of a factor at the factor's climb given those medians; a hierarchy's free hyper-parameters at a
 * climb of their parent density (and priors) given the drawn values; anything else at its prior
 * median. The joint log-likelihood (the hierarchies' densities included) is climbed from that start
 * and from the run's best sample. Every climb runs in the priors' own latent coordinates ({@link
 * LatentClimb}). The run fails the check when the best climbed log-likelihood exceeds the best
 * sample's by more than half the median of {@code chi2(d)}, plus one nat: the best sample of a
 * correct posterior in {@code d} dimensions lies about that far below the maximum, a nested
 * sampling run's best sample much less.
 *
 * <p>A climb that ends at a prior bound where the likelihood grows without limit (a spike, such as
 * a parent density whose scale goes to zero) says nothing about a missed region: such a climb is
 * left out when the likelihood, moved a thousand times closer to the bound, gains more than a nat.
 * A likelihood whose finite maximum lies on a bound, or that is flat towards it, gains next to
 * nothing there and keeps its climb.
 *
 * <p>Its calls count in units of the joint likelihood: a joint call as one, a factor's as {@code
 * 1/N} of one for {@code N} factors, since a factor's likelihood is one of the joint one's terms.
 * The diagnostics {@code climb_calls} (those units), {@code climb_factor_calls} (the factors' calls
 * as made), {@code climb_spikes}, {@code climb_margin}, {@code climb_log_likelihood} and {@code
 * climb_excess} (over the best sample) say what it did.
 */
final class PeakAudit {
  /** The prior draws each factor is climbed from. */
  static final int DRAWS = 4;

  /** An end this close to a bound, in units of its prior's interquartile range, is probed. */
  private static final double NEAR_BOUND = 1e-4;

  /** The probe moves this much closer to the bound. */
  private static final double PROBE_FACTOR = 1e-3;

  /** The gain of the probe, in nats, above which the likelihood diverges at the bound. */
  private static final double SPIKE_GAIN = 1;

  /** Climbs a factor's, or a parent density's, latent log posterior. */
  private static final QuasiNewtonOptimizer FACTOR_CLIMB =
      QuasiNewtonOptimizer.builder().maxIterations(50).tolerances(1e-5, 1e-8).build();

  /** Climbs the joint log-likelihood, which the run's best sample is compared with. */
  private static final QuasiNewtonOptimizer JOINT_CLIMB =
      QuasiNewtonOptimizer.builder()
          .objective(Objective.LOG_LIKELIHOOD)
          .maxIterations(50)
          .tolerances(1e-5, 1e-7)
          .build();

  private final ModelLayout<CollectionInstance> layout;
  private final JointAnalysis analysis;
  private final List<JointAnalysis.FactorTerm<?>> factorTerms;
  private final List<JointAnalysis.HierarchyTerm> hierarchyTerms;

  /** The layouts of the analysis factors' models, in term order. */
  private final List<ModelLayout<?>> factorLayouts = new ArrayList<>();

  /** Each factor's free parameters as indices of the graph's layout. */
  private final List<int[]> factorIndices = new ArrayList<>();

  /** The number of analysis factors that contain each of the graph's free parameters. */
  private final int[] factorsOf;

  PeakAudit(
      ModelLayout<CollectionInstance> layout,
      JointAnalysis analysis,
      List<JointAnalysis.FactorTerm<?>> factorTerms,
      List<JointAnalysis.HierarchyTerm> hierarchyTerms) {
    this.layout = layout;
    this.analysis = analysis;
    this.factorTerms = factorTerms;
    this.hierarchyTerms = hierarchyTerms;
    factorsOf = new int[layout.priorCount()];
    for (JointAnalysis.FactorTerm<?> term : factorTerms) {
      ModelLayout<?> own = term.key.factor().model().layout();
      List<Parameter> parameters = own.freeParameters();
      int[] index = new int[parameters.size()];
      for (int j = 0; j < index.length; j++) {
        index[j] = layout.indexOf(parameters.get(j));
        factorsOf[index[j]]++;
      }
      factorLayouts.add(own);
      factorIndices.add(index);
    }
  }

  /** Audits a run's samples; no finding for samples that are not of this graph's layout. */
  RunAudit.Findings audit(Samples samples, long seed, TaskRunner runner) {
    if (samples.size() == 0 || !samples.names().equals(layout.freeParameterPaths())) {
      return new RunAudit.Findings(List.of(), Map.of(), 0);
    }
    int best = samples.maxLogLikelihoodIndex();
    double bestLogLikelihood = samples.logLikelihood(best);
    if (!Double.isFinite(bestLogLikelihood)) {
      return new RunAudit.Findings(List.of(), Map.of(), 0);
    }
    SearchProblem joint = SearchProblems.of(layout, analysis);
    List<SearchProblem> factorProblems = new ArrayList<>();
    double[] start = factorStart(seed, runner, factorProblems);
    double[][] starts = {start, samples.vector(best)};
    double[][] ends = new double[starts.length][];
    runner.runAll(
        starts.length,
        i ->
            ends[i] =
                inside(joint, starts[i])
                    ? LatentClimb.of(JOINT_CLIMB, joint, priors(layout), starts[i]).end()
                    : null);
    double climbed = Double.NEGATIVE_INFINITY;
    double[] peak = null;
    int peakStart = -1;
    int spikes = 0;
    for (int k = 0; k < ends.length; k++) {
      double[] end = ends[k];
      if (end == null) {
        continue;
      }
      double logLikelihood = joint.logLikelihood(end);
      if (endsInSpike(joint, end, logLikelihood)) {
        spikes++;
      } else if (logLikelihood > climbed) {
        climbed = logLikelihood;
        peak = end;
        peakStart = k;
      }
    }
    long factorCalls = 0;
    for (SearchProblem problem : factorProblems) {
      factorCalls += problem.failures().calls();
    }
    // a factor's likelihood is one of the joint likelihood's terms: one call per factor makes one
    long calls =
        joint.failures().calls() + ceilDivide(factorCalls, Math.max(1, factorTerms.size()));
    int dimension = layout.priorCount();
    double margin = margin(dimension);
    Map<String, Double> diagnostics = new LinkedHashMap<>();
    diagnostics.put("climb_margin", margin);
    diagnostics.put("climb_calls", (double) calls);
    diagnostics.put("climb_factor_calls", (double) factorCalls);
    diagnostics.put("climb_spikes", (double) spikes);
    if (peak == null) {
      return new RunAudit.Findings(List.of(), diagnostics, calls);
    }
    double excess = climbed - bestLogLikelihood;
    diagnostics.put("climb_log_likelihood", climbed);
    diagnostics.put("climb_excess", excess);
    List<Concern> concerns = new ArrayList<>();
    if (excess > margin) {
      concerns.add(concern(samples, peak, peakStart == 0, climbed, bestLogLikelihood, margin));
    }
    return new RunAudit.Findings(concerns, diagnostics, calls);
  }

  /**
   * Half the median of {@code chi2(dimension)} plus one nat: how far below the maximum the best
   * sample of a correct posterior may lie.
   */
  static double margin(int dimension) {
    return ChiSquaredDistribution.of(dimension).inverseCumulativeProbability(0.5) / 2 + 1;
  }

  /**
   * The joint start: every shared parameter at the median of its factors' best climbs, every other
   * parameter of a factor at its climb given those medians, the hierarchies' free hyper-parameters
   * at a climb of their parent density, and any other parameter at its prior median. Adds the
   * factors' problems, whose calls count.
   */
  private double[] factorStart(long seed, TaskRunner runner, List<SearchProblem> problems) {
    int factors = factorTerms.size();
    List<int[]> indices = factorIndices;
    List<ModelLayout<?>> layouts = factorLayouts;
    for (int factor = 0; factor < factors; factor++) {
      problems.add(factorProblem(factorTerms.get(factor), layouts.get(factor)));
    }
    double[][] ends = new double[factors * DRAWS][];
    double[] values = new double[factors * DRAWS];
    runner.runAll(
        ends.length,
        task -> {
          int factor = task / DRAWS;
          SearchProblem problem = problems.get(factor);
          // SplitMix64 mixes its state into every output, so neighbouring seeds draw apart
          UniformRandomProvider rng =
              RandomSource.SPLIT_MIX_64.create((seed * 31 + factor) * DRAWS + task % DRAWS);
          double[] draw = layouts.get(factor).randomVector(rng);
          LatentClimb climb =
              inside(problem, draw)
                  ? LatentClimb.of(FACTOR_CLIMB, problem, priors(layouts.get(factor)), draw)
                  : new LatentClimb(draw, Double.NEGATIVE_INFINITY);
          ends[task] = climb.end();
          values[task] = climb.value();
        });
    double[][] best = new double[factors][];
    List<List<Double>> climbedValues = new ArrayList<>();
    for (int i = 0; i < layout.priorCount(); i++) {
      climbedValues.add(new ArrayList<>());
    }
    for (int factor = 0; factor < factors; factor++) {
      int bestDraw = factor * DRAWS;
      for (int task = bestDraw + 1; task < (factor + 1) * DRAWS; task++) {
        if (values[task] > values[bestDraw]) {
          bestDraw = task;
        }
      }
      best[factor] = ends[bestDraw];
      int[] index = indices.get(factor);
      for (int j = 0; j < index.length; j++) {
        climbedValues.get(index[j]).add(best[factor][j]);
      }
    }
    double[] start = new double[layout.priorCount()];
    for (int i = 0; i < start.length; i++) {
      start[i] = factorsOf[i] > 1 ? median(climbedValues.get(i)) : Double.NaN;
    }
    double[][] given = new double[factors][];
    runner.runAll(
        factors,
        factor ->
            given[factor] =
                climbGiven(
                    problems.get(factor),
                    layouts.get(factor),
                    indices.get(factor),
                    factorsOf,
                    start,
                    best[factor]));
    for (int factor = 0; factor < factors; factor++) {
      int[] index = indices.get(factor);
      for (int j = 0; j < index.length; j++) {
        if (factorsOf[index[j]] == 1) {
          start[index[j]] = given[factor][j];
        }
      }
    }
    for (JointAnalysis.HierarchyTerm term : hierarchyTerms) {
      climbHyperParameters(term, start);
    }
    double[] medians = layout.priorMedians();
    for (int i = 0; i < start.length; i++) {
      if (Double.isNaN(start[i])) {
        start[i] = medians[i];
      }
    }
    return start;
  }

  /**
   * A factor's climb over its parameters that no other factor has, from its best climb, with the
   * shared ones at their values in {@code start}; its best climb where that is not finite.
   */
  private static double[] climbGiven(
      SearchProblem problem,
      ModelLayout<?> own,
      int[] index,
      int[] factorsOf,
      double[] start,
      double[] from) {
    double[] point = from.clone();
    List<Integer> locals = new ArrayList<>();
    for (int j = 0; j < index.length; j++) {
      if (factorsOf[index[j]] > 1) {
        point[j] = start[index[j]];
      } else {
        locals.add(j);
      }
    }
    if (locals.isEmpty() || !inside(problem, point)) {
      return point;
    }
    Prior[] priors = new Prior[locals.size()];
    double[] local = new double[locals.size()];
    for (int k = 0; k < priors.length; k++) {
      priors[k] = own.prior(locals.get(k));
      local[k] = point[locals.get(k)];
    }
    SearchProblem conditional = onCoordinates(priors, locals, point, problem::logLikelihood);
    double[] end = LatentClimb.of(FACTOR_CLIMB, conditional, priors, local).end();
    for (int k = 0; k < end.length; k++) {
      point[locals.get(k)] = end[k];
    }
    return point;
  }

  /** A factor's own fit: its priors and its likelihood. */
  private static <T> SearchProblem factorProblem(
      JointAnalysis.FactorTerm<T> term, ModelLayout<?> own) {
    @SuppressWarnings("unchecked") // the factor's own layout is of its model's instances
    ModelLayout<T> typed = (ModelLayout<T>) own;
    return SearchProblems.of(typed, term.key.factor().analysis());
  }

  /**
   * Sets a hierarchy's free hyper-parameters that no factor set to the climb of its parent density
   * (plus their priors) given the drawn values in {@code start}, from their prior medians.
   */
  private void climbHyperParameters(JointAnalysis.HierarchyTerm term, double[] start) {
    List<Integer> free = new ArrayList<>();
    for (Parameter parameter : term.factor.hyperParameters()) {
      int index = parameter.isFixed() ? -1 : layout.indexOf(parameter);
      if (index >= 0 && Double.isNaN(start[index]) && !free.contains(index)) {
        free.add(index);
      }
    }
    if (free.isEmpty()) {
      return;
    }
    double[] medians = layout.priorMedians();
    double[] fixed = start.clone();
    for (int i = 0; i < fixed.length; i++) {
      if (Double.isNaN(fixed[i])) {
        fixed[i] = medians[i];
      }
    }
    Prior[] priors = new Prior[free.size()];
    double[] hyperStart = new double[free.size()];
    for (int j = 0; j < priors.length; j++) {
      priors[j] = layout.prior(free.get(j));
      hyperStart[j] = medians[free.get(j)];
    }
    SearchProblem parent =
        onCoordinates(
            priors,
            free,
            fixed,
            vector -> term.model.logDensity(layout.instanceFromVector(vector).get(term.key)));
    double[] end =
        inside(parent, hyperStart)
            ? LatentClimb.of(FACTOR_CLIMB, parent, priors, hyperStart).end()
            : hyperStart;
    for (int j = 0; j < end.length; j++) {
      start[free.get(j)] = end[j];
    }
  }

  /**
   * A problem over some coordinates of a vector, the others held at their values in {@code base}:
   * each call sets the coordinates in a copy of {@code base} and evaluates {@code ofVector} there.
   */
  private static SearchProblem onCoordinates(
      Prior[] priors,
      List<Integer> coordinates,
      double[] base,
      ToDoubleFunction<double[]> ofVector) {
    return SearchProblems.of(
        priors,
        values -> {
          double[] vector = base.clone();
          for (int k = 0; k < values.length; k++) {
            vector[coordinates.get(k)] = values[k];
          }
          return ofVector.applyAsDouble(vector);
        });
  }

  /** The priors of a layout's free parameters. */
  private static Prior[] priors(ModelLayout<?> layout) {
    Prior[] priors = new Prior[layout.priorCount()];
    for (int i = 0; i < priors.length; i++) {
      priors[i] = layout.prior(i);
    }
    return priors;
  }

  /** Whether a point lies strictly inside every prior's support, where a climb may start. */
  private static boolean inside(SearchProblem problem, double[] point) {
    for (int i = 0; i < point.length; i++) {
      if (!(point[i] > problem.lowerBound(i) && point[i] < problem.upperBound(i))) {
        return false;
      }
    }
    return problem.logPrior(point) > Double.NEGATIVE_INFINITY;
  }

  /**
   * Whether a climb ended next to a prior bound where the likelihood diverges: moved to {@value
   * #PROBE_FACTOR} of its distance from the bound, it gains more than {@value #SPIKE_GAIN} nat (or,
   * at an end too close to the bound to move closer, it gained that much coming from a thousand
   * times farther).
   */
  static boolean endsInSpike(SearchProblem problem, double[] end, double logLikelihood) {
    double[] quarter = new double[end.length];
    double[] threeQuarters = new double[end.length];
    double[] unit = new double[end.length];
    Arrays.fill(unit, 0.25);
    problem.vectorFromUnit(unit, quarter);
    Arrays.fill(unit, 0.75);
    problem.vectorFromUnit(unit, threeQuarters);
    for (int i = 0; i < end.length; i++) {
      double scale = threeQuarters[i] - quarter[i];
      if (!(scale > 0 && Double.isFinite(scale))) {
        scale = 1;
      }
      for (double bound : new double[] {problem.lowerBound(i), problem.upperBound(i)}) {
        double distance = Math.abs(end[i] - bound);
        if (!Double.isFinite(bound) || distance == 0 || distance >= NEAR_BOUND * scale) {
          continue;
        }
        double[] probe = end.clone();
        probe[i] = bound + (end[i] - bound) * PROBE_FACTOR;
        double gain;
        if (probe[i] != bound && probe[i] != end[i]) {
          gain = problem.logLikelihood(probe) - logLikelihood;
        } else {
          // too close to the bound to move closer: the gain over the last factor of approach
          probe[i] = bound + (end[i] - bound) / PROBE_FACTOR;
          gain = logLikelihood - problem.logLikelihood(probe);
        }
        if (gain > SPIKE_GAIN) {
          return true;
        }
      }
    }
    return false;
  }

  private static long ceilDivide(long numerator, long denominator) {
    return (numerator + denominator - 1) / denominator;
  }

  /** The median of some values, NaN for none. */
  private static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  /**
   * The concern, naming the global parameter (shared, or in no factor) whose peak value lies
   * farthest out of the posterior, or any parameter in a graph without global ones.
   */
  private Concern concern(
      Samples samples,
      double[] peak,
      boolean fromFactors,
      double climbed,
      double best,
      double margin) {
    double[] mean = samples.mean();
    double[] sd = samples.standardDeviation();
    int farthest = 0;
    double farthestDistance = -1;
    boolean anyGlobal = false;
    for (int count : factorsOf) {
      anyGlobal |= count != 1;
    }
    for (int i = 0; i < peak.length; i++) {
      if (anyGlobal && factorsOf[i] == 1) {
        continue;
      }
      double distance = Math.abs(peak[i] - mean[i]) / Math.max(sd[i], Double.MIN_NORMAL);
      if (distance > farthestDistance) {
        farthest = i;
        farthestDistance = distance;
      }
    }
    return new Concern(
        Check.MISSED_LIKELIHOOD,
        String.format(
            Locale.ROOT,
            "a local climb of the joint likelihood from %s reached log L = %.2f, %.1f nats"
                + " above the run's best sample (%.2f), where the best sample of a correct"
                + " posterior in %d dimensions lies within about %.1f nats of the maximum; there"
                + " %s = %.4g, against a posterior of %.4g ± %.3g. The posterior is confined to a"
                + " region whose likelihood is far below that maximum (a phase transition the"
                + " sampler did not follow, or a mode it never entered), so the evidence and the"
                + " posterior are wrong. Fit the graph by expectation propagation with nested"
                + " sampling per factor (ExpectationPropagation with a nested sampler(...)), whose"
                + " fits of one factor each are small, or with many more live points",
            fromFactors ? "the factors' separate climbs" : "the best sample",
            climbed,
            climbed - best,
            best,
            peak.length,
            margin,
            layout.freeParameterPaths().get(farthest),
            peak[farthest],
            mean[farthest],
            sd[farthest]));
  }
}
