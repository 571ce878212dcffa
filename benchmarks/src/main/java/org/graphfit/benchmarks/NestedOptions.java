package org.graphfit.benchmarks;

import org.graphfit.search.nested.NestedSampling;
import org.graphfit.search.nested.NestedSettings;
import picocli.CommandLine.Option;

/**
 * The nested sampler's options of the benchmark commands, a picocli mixin: {@code --nlive}, {@code
 * --sample}, {@code --walks}, {@code --slices}, {@code --batch}, {@code --bound}, {@code --enlarge}
 * and {@code --dlogz}. Each command sets its own defaults on the instance it declares; an option
 * without one keeps the sampler's default.
 */
final class NestedOptions {
  @Option(names = "--nlive", description = "Live points (default: ${DEFAULT-VALUE}).")
  private int nLive = 500;

  @Option(
      names = "--sample",
      description = "AUTO, UNIFORM, RWALK, SLICE or RSLICE (default: ${DEFAULT-VALUE}).")
  private NestedSettings.Sample sample = NestedSettings.Sample.AUTO;

  @Option(
      names = "--walks",
      description =
          "Random-walk steps per proposal (default: ${DEFAULT-VALUE}; null: the sampler's).")
  private Integer walks;

  @Option(
      names = "--slices",
      description = "Slices per proposal (default: ${DEFAULT-VALUE}; null: the sampler's).")
  private Integer slices;

  @Option(
      names = "--batch",
      description =
          "Proposals per batch; 0 means the sampler's default (default: ${DEFAULT-VALUE}).")
  private int batch;

  @Option(
      names = "--bound",
      description = "NONE, SINGLE or MULTI (default: ${DEFAULT-VALUE}; null: the sampler's).")
  private NestedSettings.Bound bound;

  @Option(
      names = "--enlarge",
      description =
          "Volume enlargement of the bounding ellipsoids (default: ${DEFAULT-VALUE}; null: the"
              + " sampler's).")
  private Double enlarge;

  @Option(
      names = "--dlogz",
      description = "Stopping threshold (default: ${DEFAULT-VALUE}; null: the sampler's).")
  private Double dlogz;

  /** The options with the sampler's defaults and 500 live points. */
  NestedOptions() {}

  /** Sets the default of {@code --walks}. */
  NestedOptions walks(Integer defaultWalks) {
    this.walks = defaultWalks;
    return this;
  }

  /** Sets the default of {@code --batch}. */
  NestedOptions batch(int defaultBatch) {
    this.batch = defaultBatch;
    return this;
  }

  /** Sets the defaults of {@code --bound}, {@code --enlarge} and {@code --dlogz}. */
  NestedOptions bounds(
      NestedSettings.Bound defaultBound, double defaultEnlarge, double defaultDlogz) {
    this.bound = defaultBound;
    this.enlarge = defaultEnlarge;
    this.dlogz = defaultDlogz;
    return this;
  }

  /** The live points. */
  int nLive() {
    return nLive;
  }

  /**
   * Sets the options on a sampler's builder; those without a value keep the sampler's defaults.
   *
   * @param builder the builder
   * @return the builder
   */
  NestedSampling.Builder apply(NestedSampling.Builder builder) {
    builder.nLive(nLive).sample(sample);
    if (batch > 0) {
      builder.batchSize(batch);
    }
    if (walks != null) {
      builder.walks(walks);
    }
    if (slices != null) {
      builder.slices(slices);
    }
    if (bound != null) {
      builder.bound(bound);
    }
    if (enlarge != null) {
      builder.enlarge(enlarge);
    }
    if (dlogz != null) {
      builder.dlogz(dlogz);
    }
    return builder;
  }
}
