package org.graphfit.aggregator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.graphfit.examples.Gaussian;
import org.graphfit.examples.GaussianModel;
import org.graphfit.model.ModelLayout;
import org.graphfit.output.FitLock;
import org.graphfit.output.OutputFolder;
import org.graphfit.search.Result;
import org.graphfit.search.Samples;

/**
 * Fit folders written through the library's output classes, with samples drawn around a chosen
 * centre: real folders (manifest, digests, summaries) without the cost of a search.
 */
public final class SyntheticFits {
  public static final ModelLayout<Gaussian> LAYOUT = GaussianModel.withDefaults().layout();

  private SyntheticFits() {}

  /** The output folder a synthetic fit of these arguments is written to. */
  public static OutputFolder folder(Path root, String name, String tag, long seed) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("samples", 200);
    settings.put("seed", seed);
    return OutputFolder.of(
        root,
        name,
        tag,
        LAYOUT.description(),
        Map.of("analysis", "synthetic sha256:" + seed),
        "Synthetic",
        settings);
  }

  /** Writes a completed fit and returns its folder. */
  public static Path write(Path root, String name, String tag, double centre, long seed) {
    OutputFolder folder = folder(root, name, tag, seed);
    try (FitLock lock = folder.lock(Duration.ZERO)) {
      folder.writeStart(LAYOUT.info());
      folder.writeResult(result(centre, seed));
    }
    return folder.path();
  }

  /** A result whose samples scatter around the centre, normalization 1 and sigma 5. */
  public static Result<Gaussian> result(double centre, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = 200;
    double[][] vectors = new double[n][];
    double[] logLikelihoods = new double[n];
    double[] logPriors = new double[n];
    double[] weights = new double[n];
    for (int i = 0; i < n; i++) {
      double z = nextGaussian(random);
      vectors[i] =
          new double[] {centre + z, 1 + 0.1 * nextGaussian(random), 5 + nextGaussian(random)};
      logLikelihoods[i] = -0.5 * z * z;
      logPriors[i] = -1;
      weights[i] = 1;
    }
    Samples samples =
        Samples.of(
            List.of("centre", "normalization", "sigma"),
            vectors,
            logLikelihoods,
            logPriors,
            weights);
    return Result.builder("Synthetic", LAYOUT, samples)
        .logEvidence(-10 - 0.01 * centre, 0.1)
        .diagnostic("converged", 1)
        .cost(1000 + seed, 0, null, 0.01)
        .build();
  }

  private static double nextGaussian(SplittableRandom random) {
    double u = random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
  }
}
