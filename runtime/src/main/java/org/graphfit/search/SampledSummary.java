package org.graphfit.search;

/** The summary of one column of weighted samples; quantiles are computed when asked. */
final class SampledSummary implements ParameterSummary {
  private final Samples samples;
  private final int index;
  private final String path;
  private final double mean;
  private final double sd;
  private final double median;
  private final double maxLikelihood;

  SampledSummary(
      Samples samples,
      int index,
      String path,
      double mean,
      double sd,
      double median,
      double maxLikelihood) {
    this.samples = samples;
    this.index = index;
    this.path = path;
    this.mean = mean;
    this.sd = sd;
    this.median = median;
    this.maxLikelihood = maxLikelihood;
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public double mean() {
    return mean;
  }

  @Override
  public double sd() {
    return sd;
  }

  @Override
  public double median() {
    return median;
  }

  @Override
  public double maxLikelihood() {
    return maxLikelihood;
  }

  @Override
  public double quantile(double probability) {
    return samples.quantile(probability, index);
  }

  @Override
  public String toString() {
    return ParameterSummary.describe(this);
  }
}
