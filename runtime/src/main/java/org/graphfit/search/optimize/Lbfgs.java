package org.graphfit.search.optimize;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.function.ToDoubleFunction;

/**
 * Limited-memory BFGS minimisation of a smooth function on the whole of R^n (Nocedal and Wright
 * 2006, algorithms 7.4 and 7.5) with central finite-difference gradients and a line search that
 * enforces the strong Wolfe conditions (algorithms 3.5 and 3.6, quadratic interpolation in the
 * zoom). A function value of positive infinity or NaN counts as "too far" and shortens the step.
 */
final class Lbfgs {
  /** Sufficient decrease constant of the Wolfe conditions. */
  private static final double C1 = 1e-4;

  /** Curvature constant of the strong Wolfe conditions. */
  private static final double C2 = 0.9;

  /** The cube root of the machine epsilon: the relative central-difference step. */
  private static final double GRADIENT_STEP = Math.cbrt(Math.ulp(1.0));

  private static final int MAX_LINE_SEARCH = 40;

  /** How a minimisation ended. */
  enum Status {
    /** The largest gradient component fell below the tolerance. */
    GRADIENT_TOLERANCE,
    /** An iteration improved the value by less than the relative tolerance. */
    VALUE_TOLERANCE,
    /**
     * The line search found no acceptable step; the point is as good as finite differences allow.
     */
    LINE_SEARCH_FAILED,
    /** The iteration limit was reached. */
    MAX_ITERATIONS,
    /** The value or gradient at the start was not finite. */
    NOT_FINITE_START
  }

  /** The minimiser's outcome. */
  static final class Result {
    final double[] point;
    final double value;
    final int iterations;
    final Status status;

    Result(double[] point, double value, int iterations, Status status) {
      this.point = point;
      this.value = value;
      this.iterations = iterations;
      this.status = status;
    }
  }

  private final ToDoubleFunction<double[]> function;
  private final int memory;
  private final int maxIterations;
  private final double gradientTolerance;
  private final double valueTolerance;

  /**
   * A minimiser.
   *
   * @param function the function to minimise
   * @param memory the number of correction pairs kept
   * @param maxIterations the iteration limit
   * @param gradientTolerance stop when {@code max |g_i| <= gradientTolerance * max(1, |f|)}
   * @param valueTolerance stop when an iteration lowers {@code f} by at most {@code valueTolerance
   *     * max(1, |f|)}
   */
  Lbfgs(
      ToDoubleFunction<double[]> function,
      int memory,
      int maxIterations,
      double gradientTolerance,
      double valueTolerance) {
    this.function = function;
    this.memory = memory;
    this.maxIterations = maxIterations;
    this.gradientTolerance = gradientTolerance;
    this.valueTolerance = valueTolerance;
  }

  /** Minimises from a start point. */
  Result minimize(double[] start) {
    int n = start.length;
    double[] x = start.clone();
    double f = value(x);
    double[] g = gradient(x, f);
    if (!Double.isFinite(f) || !allFinite(g)) {
      return new Result(x, f, 0, Status.NOT_FINITE_START);
    }
    Deque<double[][]> pairs = new ArrayDeque<>();
    for (int iteration = 0; iteration < maxIterations; iteration++) {
      if (maxAbs(g) <= gradientTolerance * Math.max(1, Math.abs(f))) {
        return new Result(x, f, iteration, Status.GRADIENT_TOLERANCE);
      }
      double[] direction = direction(g, pairs);
      double slope = dot(g, direction);
      if (!(slope < 0)) {
        pairs.clear();
        direction = scaled(g, -1);
        slope = -dot(g, g);
      }
      double initial = pairs.isEmpty() ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
      LineSearch search = new LineSearch(x, f, direction, slope);
      if (!search.run(initial)) {
        return new Result(x, f, iteration, Status.LINE_SEARCH_FAILED);
      }
      double[] s = new double[n];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        s[i] = search.point[i] - x[i];
        y[i] = search.gradient[i] - g[i];
      }
      double previous = f;
      x = search.point;
      f = search.value;
      g = search.gradient;
      double sy = dot(s, y);
      if (sy > 1e-10 * Math.sqrt(dot(s, s) * dot(y, y))) {
        pairs.addLast(new double[][] {s, y, {1 / sy}});
        if (pairs.size() > memory) {
          pairs.removeFirst();
        }
      }
      if (previous - f <= valueTolerance * Math.max(1, Math.abs(f))) {
        return new Result(x, f, iteration + 1, Status.VALUE_TOLERANCE);
      }
    }
    return new Result(x, f, maxIterations, Status.MAX_ITERATIONS);
  }

  /** The two-loop recursion: minus the inverse Hessian approximation times the gradient. */
  private static double[] direction(double[] g, Deque<double[][]> pairs) {
    double[] q = g.clone();
    double[] alpha = new double[pairs.size()];
    int index = pairs.size() - 1;
    for (Iterator<double[][]> it = pairs.descendingIterator(); it.hasNext(); index--) {
      double[][] pair = it.next();
      alpha[index] = pair[2][0] * dot(pair[0], q);
      axpy(-alpha[index], pair[1], q);
    }
    if (!pairs.isEmpty()) {
      double[][] last = pairs.getLast();
      double gamma = 1 / (last[2][0] * dot(last[1], last[1]));
      for (int i = 0; i < q.length; i++) {
        q[i] *= gamma;
      }
    }
    index = 0;
    for (double[][] pair : pairs) {
      double beta = pair[2][0] * dot(pair[1], q);
      axpy(alpha[index++] - beta, pair[0], q);
    }
    return scaled(q, -1);
  }

  /** The function with NaN mapped to positive infinity. */
  private double value(double[] x) {
    double f = function.applyAsDouble(x);
    return Double.isNaN(f) ? Double.POSITIVE_INFINITY : f;
  }

  /**
   * The central-difference gradient, step {@code cbrt(eps) * max(1, |x_i|)}; one-sided where one
   * neighbour is not finite, NaN where neither is.
   */
  double[] gradient(double[] x, double fx) {
    double[] g = new double[x.length];
    double[] probe = x.clone();
    for (int i = 0; i < x.length; i++) {
      double h = GRADIENT_STEP * Math.max(1, Math.abs(x[i]));
      probe[i] = x[i] + h;
      double up = value(probe);
      double hUp = probe[i] - x[i];
      probe[i] = x[i] - h;
      double down = value(probe);
      double hDown = x[i] - probe[i];
      probe[i] = x[i];
      if (Double.isFinite(up) && Double.isFinite(down)) {
        g[i] = (up - down) / (hUp + hDown);
      } else if (Double.isFinite(up)) {
        g[i] = (up - fx) / hUp;
      } else if (Double.isFinite(down)) {
        g[i] = (fx - down) / hDown;
      } else {
        g[i] = Double.NaN;
      }
    }
    return g;
  }

  /**
   * A strong-Wolfe line search along one direction; holds the accepted point, value and gradient.
   */
  final class LineSearch {
    private final double[] start;
    private final double startValue;
    private final double[] direction;
    private final double startSlope;
    double[] point;
    double value;
    double[] gradient;

    LineSearch(double[] start, double startValue, double[] direction, double startSlope) {
      this.start = start;
      this.startValue = startValue;
      this.direction = direction;
      this.startSlope = startSlope;
    }

    /**
     * Searches from the initial step; true if a step satisfying the strong Wolfe conditions was
     * found.
     */
    boolean run(double initial) {
      double previousStep = 0;
      double previousValue = startValue;
      double previousSlope = startSlope;
      double step = initial;
      for (int i = 0; i < MAX_LINE_SEARCH; i++) {
        double[] x = at(step);
        double f = value(x);
        if (!Double.isFinite(f)
            || f > startValue + C1 * step * startSlope
            || (i > 0 && f >= previousValue)) {
          return zoom(previousStep, previousValue, previousSlope, step, f);
        }
        double[] g = gradient(x, f);
        double slope = dot(g, direction);
        if (!Double.isFinite(slope)) {
          return zoom(previousStep, previousValue, previousSlope, step, Double.POSITIVE_INFINITY);
        }
        if (Math.abs(slope) <= -C2 * startSlope) {
          return accept(x, f, g);
        }
        if (slope >= 0) {
          return zoom(step, f, slope, previousStep, previousValue);
        }
        previousStep = step;
        previousValue = f;
        previousSlope = slope;
        step *= 2;
      }
      return false;
    }

    /** Algorithm 3.6: shrinks the bracket [lo, hi] whose lo end satisfies sufficient decrease. */
    private boolean zoom(double lo, double loValue, double loSlope, double hi, double hiValue) {
      for (int i = 0; i < MAX_LINE_SEARCH; i++) {
        double width = hi - lo;
        double step = lo + width / 2;
        if (Double.isFinite(hiValue)) {
          double curvature = hiValue - loValue - loSlope * width;
          if (curvature > 0) {
            double minimum = lo - loSlope * width * width / (2 * curvature);
            double low = Math.min(lo, hi) + 0.1 * Math.abs(width);
            double high = Math.max(lo, hi) - 0.1 * Math.abs(width);
            if (minimum >= low && minimum <= high) {
              step = minimum;
            }
          }
        }
        double[] x = at(step);
        double f = value(x);
        if (!Double.isFinite(f) || f > startValue + C1 * step * startSlope || f >= loValue) {
          hi = step;
          hiValue = f;
        } else {
          double[] g = gradient(x, f);
          double slope = dot(g, direction);
          if (!Double.isFinite(slope)) {
            hi = step;
            hiValue = Double.POSITIVE_INFINITY;
            continue;
          }
          if (Math.abs(slope) <= -C2 * startSlope) {
            return accept(x, f, g);
          }
          if (slope * (hi - lo) >= 0) {
            hi = lo;
            hiValue = loValue;
          }
          lo = step;
          loValue = f;
          loSlope = slope;
        }
      }
      if (lo > 0 && loValue < startValue) {
        double[] x = at(lo);
        return accept(x, loValue, gradient(x, loValue));
      }
      return false;
    }

    private double[] at(double step) {
      double[] x = start.clone();
      axpy(step, direction, x);
      return x;
    }

    private boolean accept(double[] x, double f, double[] g) {
      if (!allFinite(g)) {
        return false;
      }
      point = x;
      value = f;
      gradient = g;
      return true;
    }
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += a * x[i];
    }
  }

  private static double[] scaled(double[] x, double a) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = a * x[i];
    }
    return y;
  }

  private static double maxAbs(double[] x) {
    double max = 0;
    for (double value : x) {
      max = Math.max(max, Math.abs(value));
    }
    return max;
  }

  private static boolean allFinite(double[] x) {
    for (double value : x) {
      if (!Double.isFinite(value)) {
        return false;
      }
    }
    return true;
  }
}
