package org.graphfit.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Default priors of {@code double} parameters of a {@link ModelComponent}. Put at most one on a
 * parameter; the processor checks the arguments (bounds ordered, widths positive) at compile time.
 */
public final class Prior {
  private Prior() {}

  /** Uniform on {@code [lower, upper]}. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD})
  public @interface Uniform {
    /**
     * The lower bound.
     *
     * @return the lower bound, less than {@link #upper()}
     */
    double lower();

    /**
     * The upper bound.
     *
     * @return the upper bound, greater than {@link #lower()}
     */
    double upper();
  }

  /** Uniform in the logarithm on {@code [lower, upper]}, with {@code 0 < lower < upper}. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD})
  public @interface LogUniform {
    /**
     * The lower bound.
     *
     * @return the lower bound, positive and less than {@link #upper()}
     */
    double lower();

    /**
     * The upper bound.
     *
     * @return the upper bound, greater than {@link #lower()}
     */
    double upper();
  }

  /** Normal with the given mean and standard deviation. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD})
  public @interface Gaussian {
    /**
     * The mean.
     *
     * @return the mean
     */
    double mean();

    /**
     * The standard deviation.
     *
     * @return the standard deviation, positive
     */
    double sigma();
  }

  /** Log-normal: the natural logarithm of the parameter is normal with this mean and sigma. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD})
  public @interface LogGaussian {
    /**
     * The mean of the logarithm.
     *
     * @return the mean of the natural logarithm
     */
    double mean();

    /**
     * The standard deviation of the logarithm.
     *
     * @return the standard deviation of the natural logarithm, positive
     */
    double sigma();
  }

  /** Normal with the given mean and sigma, truncated to {@code [lower, upper]}. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD})
  public @interface TruncatedGaussian {
    /**
     * The mean of the untruncated normal.
     *
     * @return the mean, inside {@code [lower, upper]}
     */
    double mean();

    /**
     * The standard deviation of the untruncated normal.
     *
     * @return the standard deviation, positive
     */
    double sigma();

    /**
     * The lower bound.
     *
     * @return the lower bound, less than {@link #upper()}
     */
    double lower() default Double.NEGATIVE_INFINITY;

    /**
     * The upper bound.
     *
     * @return the upper bound, greater than {@link #lower()}
     */
    double upper() default Double.POSITIVE_INFINITY;
  }

  /** Half-normal on {@code [0, inf)}: a zero-mean normal with the given sigma, folded at zero. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD})
  public @interface HalfNormal {
    /**
     * The standard deviation of the normal before folding.
     *
     * @return the standard deviation, positive
     */
    double sigma();
  }

  /**
   * Half-Cauchy on {@code [0, inf)}: a zero-centred Cauchy with the given scale, folded at zero.
   */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD})
  public @interface HalfCauchy {
    /**
     * The scale of the Cauchy before folding, which is the prior's median.
     *
     * @return the scale, positive
     */
    double scale();
  }
}
