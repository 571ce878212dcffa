package org.graphfit.search.nested;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.graphfit.search.Check;
import org.graphfit.search.CheckpointStore;
import org.graphfit.search.Concern;
import org.graphfit.search.Samples;
import org.graphfit.search.SearchEngine;
import org.graphfit.search.SearchProblem;
import org.graphfit.search.SearchRun;
import org.graphfit.search.TaskRunner;

/**
 * The {@link NestedSampler} as a {@link SearchEngine}: the weighted dead and final live points
 * become the samples, the log evidence and its error are reported, and the diagnostics are the
 * information, the iterations and the effective sample size. A run that stopped at its call or
 * iteration limit, whose walks or slices got stuck, or whose new live points were inserted at
 * likelihood ranks that are not uniform ({@link InsertionRankTest}), carries a {@link Concern}.
 *
 * <p>With {@link NestedSettings#targetEffectiveSamples()} set, the {@link DynamicNestedSampler}
 * runs instead: the samples are those of the merged run, the self-checks those of its static run,
 * and a run that stopped short of its target carries a concern.
 *
 * <p>Proposals are evaluated in batches of {@link NestedSettings#batchSize()} on the search's
 * threads; the batch size, not the thread count, determines the result. The default batch (12
 * proposals at 500 live points) keeps two threads busy; on more cores set it to a few times the
 * number of threads.
 */
public final class NestedSampling implements SearchEngine {
  private final NestedSettings settings;

  private NestedSampling(NestedSettings settings) {
    this.settings = settings;
  }

  /**
   * An engine with the given settings.
   *
   * @param settings the sampler settings
   * @return the engine
   */
  public static NestedSampling of(NestedSettings settings) {
    return new NestedSampling(settings);
  }

  @Override
  public String name() {
    return "NestedSampling";
  }

  @Override
  public NestedSampling withSeed(long seed) {
    return new NestedSampling(settings.withSeed(seed));
  }

  @Override
  public Map<String, Object> settings() {
    return settings.toMap();
  }

  @Override
  public SearchRun run(SearchProblem problem, TaskRunner runner, CheckpointStore checkpoints) {
    NestedRun run;
    NestedRun checked;
    DynamicRun dynamic = null;
    if (settings.dynamic()) {
      dynamic = new DynamicNestedSampler(settings).run(problem, runner, checkpoints);
      run = dynamic.merged();
      checked = dynamic.initial();
    } else {
      run = new NestedSampler(settings).run(problem, runner, checkpoints);
      checked = run;
    }
    int n = run.size();
    double[][] vectors = new double[n][];
    double[] weights = new double[n];
    double[] logWeights = run.logWeights();
    for (int k = 0; k < n; k++) {
      vectors[k] = run.vector(k);
      weights[k] = Math.exp(logWeights[k]);
    }
    Samples samples = Samples.of(problem, vectors, run.logLikelihoods(), weights);
    Map<String, Double> diagnostics = new LinkedHashMap<>();
    diagnostics.put("information", run.information());
    diagnostics.put("iterations", (double) run.iterations());
    diagnostics.put("effective_sample_size", run.effectiveSampleSize());
    diagnostics.put("remaining_dlogz", run.remainingLogZ());
    diagnostics.put("converged", run.converged() ? 1.0 : 0.0);
    diagnostics.put("stuck_proposals", (double) run.stuckProposals());
    InsertionRankTest ranks = InsertionRankTest.of(checked.insertionRanks(), settings.nLive());
    diagnostics.put("insertion_rank_p", ranks.adjustedP());
    diagnostics.put("ancestors", run.ancestors());
    diagnostics.put("neutral_ancestors", run.neutralAncestors());
    diagnostics.put("lineage_variance", run.lineageVariance());
    List<Concern> concerns = concerns(checked, ranks);
    if (dynamic != null) {
      diagnostics.put("batches", (double) dynamic.batches());
      diagnostics.put("static_effective_sample_size", checked.effectiveSampleSize());
      diagnostics.put("static_log_evidence", checked.logZ());
      if (!dynamic.reachedTarget()) {
        concerns.add(
            new Concern(
                Check.EFFECTIVE_SAMPLE_SIZE,
                String.format(
                    Locale.ROOT,
                    "dynamic nested sampling stopped after %d batches and %d likelihood calls with"
                        + " an effective sample size of %.1f, below its target of %.1f: raise"
                        + " maxBatches or maxCalls, or lower targetEffectiveSamples",
                    dynamic.batches(),
                    run.calls(),
                    run.effectiveSampleSize(),
                    settings.targetEffectiveSamples())));
      }
      if (dynamic.batchStuckProposals() > 0.05 * (run.iterations() - checked.iterations())) {
        concerns.add(
            new Concern(
                Check.STUCK_PROPOSALS,
                dynamic.batchStuckProposals()
                    + " new live points of the dynamic batches copy an existing one because their"
                    + " random walk or slice got stuck; raise walks or slices, or use uniform"
                    + " sampling"));
      }
    }
    return new SearchRun(samples, run.logZ(), run.logZError(), diagnostics, concerns);
  }

  /**
   * What to do about a bottleneck: enough live points that the region holds about {@link
   * Lineages#FEW_ANCESTORS} times as many, evidence batches through it, or nested sampling per
   * factor.
   */
  private String bottleneckAdvice(NestedRun run) {
    long liveCount =
        Math.round(
            Math.ceil(
                    settings.nLive()
                        * Lineages.FEW_ANCESTORS
                        / Math.max(run.ancestors(), 0.1)
                        / 100)
                * 100);
    return String.format(
        Locale.ROOT,
        "raise nLive to about %d (so that the region holds %.0f live points rather than %.1f), or"
            + " add batches that start below it with dynamic nested sampling"
            + " (targetEffectiveSamples with posteriorFraction 0, each batch as many live points"
            + " again), or, for a factor graph, fit with expectation propagation and nested"
            + " sampling per factor, whose low-dimensional fits do not share the bottleneck",
        liveCount,
        Lineages.FEW_ANCESTORS,
        run.ancestors());
  }

  /** The self-checks of a static run, or of the static run of a dynamic one. */
  private List<Concern> concerns(NestedRun run, InsertionRankTest ranks) {
    List<Concern> concerns = new ArrayList<>();
    if (ranks.failed(InsertionRankTest.FALSE_ALARM)) {
      concerns.add(
          new Concern(
              Check.INSERTION_RANK,
              ranks.describe()
                  + ": new live points were not drawn from the whole prior above the likelihood"
                  + " constraint, so the evidence and posterior may be wrong (a correct run fails"
                  + " this test with probability "
                  + InsertionRankTest.FALSE_ALARM
                  + "); raise nLive, or walks or slices"));
    }
    if (run.bottleneck()) {
      concerns.add(
          new Concern(
              Check.LINEAGE_BOTTLENECK,
              run.describeBottleneck()
                  + ": a region of the posterior grew out of a few live points that moves could not"
                  + " reach from elsewhere (a phase transition or separated modes), so its share of"
                  + " the evidence is uncertain beyond the usual error: "
                  + bottleneckAdvice(run)));
    }
    if (run.stuckProposals() > 0.05 * run.iterations()) {
      concerns.add(
          new Concern(
              Check.STUCK_PROPOSALS,
              run.stuckProposals()
                  + " of "
                  + run.iterations()
                  + " new live points copy an existing one because their random walk or slice got"
                  + " stuck; raise walks or slices, or use uniform sampling"));
    }
    if (!run.converged()) {
      concerns.add(
          new Concern(
              Check.CONVERGENCE,
              String.format(
                  Locale.ROOT,
                  "nested sampling stopped at its iteration or call limit with %.3g of log evidence"
                      + " still in the live points (dlogz %.3g); the evidence and its error are not"
                      + " trustworthy: raise maxCalls or maxIterations",
                  run.remainingLogZ(),
                  settings.dlogz())));
    }
    return concerns;
  }
}
