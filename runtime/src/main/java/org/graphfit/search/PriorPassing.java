package org.graphfit.search;

import java.util.Optional;
import org.graphfit.model.ModelLayout;
import org.graphfit.model.Parameter;
import org.graphfit.model.ParameterMapping;
import org.graphfit.prior.Prior;

/**
 * How a result's posterior becomes the priors of a new fit of the same model (PyAutoFit's prior
 * passing), for {@link Result#posteriorPriors(PriorPassing)}. Every new prior keeps the old prior's
 * support. Immutable.
 *
 * <ul>
 *   <li>{@link #centered()}: a Gaussian at the posterior median, truncated to the old support,
 *       whose sigma is the 3-sigma error (half the 99.7% credible interval), never below a floor
 *       ({@link #withAbsoluteFloor}, {@link #withRelativeFloor}): wide enough to leave the
 *       likelihood in charge while the new search starts where the posterior is;
 *   <li>{@link #absoluteWidth(double)} and {@link #relativeWidth(double)}: the same Gaussian with a
 *       sigma chosen by the user, absolute or as a fraction of the median's magnitude;
 *   <li>{@link #boundedUniform(double)}: a uniform prior of the maximum-likelihood value plus and
 *       minus a number of 1-sigma errors.
 * </ul>
 *
 * <pre>{@code
 * GaussianModel next = model.copy(first.posteriorPriors(PriorPassing.centered().withRelativeFloor(0.1)));
 * }</pre>
 */
public final class PriorPassing {
  private enum Kind {
    CENTRED,
    ABSOLUTE,
    RELATIVE,
    BOUNDED_UNIFORM
  }

  private final Kind kind;
  private final double width;
  private final double absoluteFloor;
  private final double relativeFloor;

  private PriorPassing(Kind kind, double width, double absoluteFloor, double relativeFloor) {
    this.kind = kind;
    this.width = width;
    this.absoluteFloor = absoluteFloor;
    this.relativeFloor = relativeFloor;
  }

  /**
   * Truncated Gaussians at the posterior medians, sigma the 3-sigma error, with no floor.
   *
   * @return the passing
   */
  public static PriorPassing centered() {
    return new PriorPassing(Kind.CENTRED, 3, 0, 0);
  }

  /**
   * Truncated Gaussians at the posterior medians with a given sigma.
   *
   * @param sigma the sigma of every new prior, positive
   * @return the passing
   */
  public static PriorPassing absoluteWidth(double sigma) {
    return new PriorPassing(Kind.ABSOLUTE, requirePositive("sigma", sigma), 0, 0);
  }

  /**
   * Truncated Gaussians at the posterior medians with sigma a fraction of the median's magnitude
   * (the 3-sigma error where the median is zero).
   *
   * @param fraction the fraction, positive
   * @return the passing
   */
  public static PriorPassing relativeWidth(double fraction) {
    return new PriorPassing(Kind.RELATIVE, requirePositive("fraction", fraction), 0, 0);
  }

  /**
   * Uniform priors on the maximum-likelihood value plus and minus {@code sigmas} 1-sigma errors,
   * cut to the old support.
   *
   * @param sigmas the half-width in 1-sigma errors, positive
   * @return the passing
   */
  public static PriorPassing boundedUniform(double sigmas) {
    return new PriorPassing(Kind.BOUNDED_UNIFORM, requirePositive("sigmas", sigmas), 0, 0);
  }

  /**
   * A copy whose widths are at least {@code floor}: a posterior that is too narrow (e.g. from a
   * short first search) must not pin the next fit.
   *
   * @param floor the smallest width, zero or more
   * @return the copy
   */
  public PriorPassing withAbsoluteFloor(double floor) {
    return new PriorPassing(kind, width, requireNonNegative("floor", floor), relativeFloor);
  }

  /**
   * A copy whose widths are at least {@code fraction} times the median's magnitude.
   *
   * @param fraction the fraction, zero or more
   * @return the copy
   */
  public PriorPassing withRelativeFloor(double fraction) {
    return new PriorPassing(kind, width, absoluteFloor, requireNonNegative("fraction", fraction));
  }

  /**
   * The mapping of a result's free parameters to their new priors.
   *
   * @param result the earlier result
   * @return the mapping, to copy models with
   */
  ParameterMapping mapping(Result<?> result) {
    ModelLayout<?> layout = result.layout();
    Samples samples = result.samples();
    double[] median = samples.median();
    double[] errorOne = result.errorsAtSigma(1);
    double[] errorThree = result.errorsAtSigma(3);
    double[] best = samples.vector(samples.maxLogLikelihoodIndex());
    return ParameterMapping.ofPriors(
        (Parameter parameter) -> {
          int index = layout.indexOf(parameter);
          if (index < 0) {
            return Optional.empty();
          }
          Prior old = layout.prior(index);
          return Optional.of(
              prior(old, median[index], errorOne[index], errorThree[index], best[index]));
        });
  }

  private Prior prior(Prior old, double median, double errorOne, double errorThree, double best) {
    double floor = Math.max(absoluteFloor, relativeFloor * Math.abs(median));
    double lower = old.lowerBound();
    double upper = old.upperBound();
    if (kind == Kind.BOUNDED_UNIFORM) {
      double half = Math.max(width * errorOne, floor);
      if (!(half > 0)) {
        half = Math.ulp(best) * 16;
      }
      double from = Math.max(lower, best - half);
      double to = Math.min(upper, best + half);
      return Prior.uniform(from, to > from ? to : Math.nextUp(from));
    }
    double sigma =
        switch (kind) {
          case ABSOLUTE -> width;
          case RELATIVE -> median != 0 ? width * Math.abs(median) : errorThree;
          default -> width / 3 * errorThree;
        };
    sigma = Math.max(sigma, floor);
    if (!(sigma > 0) || !Double.isFinite(sigma)) {
      throw new IllegalStateException(
          "the posterior of a parameter has no width (median "
              + median
              + "); give the prior passing a floor, e.g. PriorPassing.centered().withAbsoluteFloor"
              + "(1e-3)");
    }
    return Prior.truncatedGaussian(median, sigma, lower, upper);
  }

  private static double requirePositive(String name, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be positive and finite but was " + value);
    }
    return value;
  }

  private static double requireNonNegative(String name, double value) {
    if (!(value >= 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be >= 0 and finite but was " + value);
    }
    return value;
  }
}
