package org.graphfit.ep;

import java.nio.file.Path;
import java.time.Duration;
import org.graphfit.search.ProblemSearch;

/**
 * The settings of an {@link ExpectationPropagation}, as its {@link ExpectationPropagation.Builder}
 * validated them; {@link ExpectationPropagation#toBuilder()} starts a builder from them. Each
 * component is documented at its setter.
 *
 * @param damping see {@link ExpectationPropagation.Builder#damping(double)}
 * @param maxSweeps see {@link ExpectationPropagation.Builder#maxSweeps(int)}
 * @param maxAveragingSweeps see {@link ExpectationPropagation.Builder#maxAveragingSweeps(int)}
 * @param maxFailures see {@link ExpectationPropagation.Builder#maxFailures(int)}
 * @param tolerance see {@link ExpectationPropagation.Builder#tolerance(double)}
 * @param threads see {@link ExpectationPropagation.Builder#threads(int)}
 * @param seed see {@link ExpectationPropagation.Builder#seed(long)}
 * @param correctedMarginals see {@link ExpectationPropagation.Builder#correctedMarginals(boolean)}
 * @param sampler see {@link ExpectationPropagation.Builder#sampler(ProblemSearch)}; null for
 *     Laplace fits
 * @param outputRoot see {@link ExpectationPropagation.Builder#output(Path, String)}; null without
 *     output
 * @param outputName the fit's name under the output root; null without output
 * @param tag see {@link ExpectationPropagation.Builder#tag(String)}
 * @param laplaceMismatch see {@link
 *     ExpectationPropagation.Builder#onLaplaceMismatch(LaplaceMismatch)}
 * @param laplaceFallback see {@link ExpectationPropagation.Builder#laplaceFallback(ProblemSearch)}
 * @param historyInMemory see {@link ExpectationPropagation.Builder#historyInMemory(long)}
 * @param noiseFloorConvergence see {@link
 *     ExpectationPropagation.Builder#noiseFloorConvergence(boolean)}
 * @param lockWait see {@link ExpectationPropagation.Builder#lockWait(Duration)}
 * @param factorOutput see {@link ExpectationPropagation.Builder#factorOutput(FactorOutput)}
 * @param report see {@link ExpectationPropagation.Builder#report(boolean)}
 * @param hooks see {@link ExpectationPropagation.Builder#hooks(EpHooks)}
 * @param keepSearchOutput see {@link ExpectationPropagation.Builder#keepSearchOutput(boolean)}
 */
record EpSettings(
    double damping,
    int maxSweeps,
    int maxAveragingSweeps,
    int maxFailures,
    double tolerance,
    int threads,
    long seed,
    boolean correctedMarginals,
    ProblemSearch sampler,
    Path outputRoot,
    String outputName,
    String tag,
    LaplaceMismatch laplaceMismatch,
    ProblemSearch laplaceFallback,
    long historyInMemory,
    boolean noiseFloorConvergence,
    Duration lockWait,
    FactorOutput factorOutput,
    boolean report,
    EpHooks hooks,
    boolean keepSearchOutput) {}
