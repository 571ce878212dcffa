package org.graphfit.search.nested;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.graphfit.search.SearchProblem;

/**
 * Makes proposals for one batch: reads a fixed snapshot of the live points, the bound and the
 * scale, and draws only from the generator it is handed, so that proposals made concurrently do not
 * interact.
 */
final class Proposer {
  /** The most uniform draws one proposal makes before the sampler gives up on the constraint. */
  private static final int MAX_UNIFORM_DRAWS = 10_000_000;

  private static final int MAX_STEPS_OUT = 1000;
  private static final int MAX_SHRINKS = 1000;
  private static final int START_TRIES = 100;

  private final SearchProblem problem;
  private final int dim;
  private final NestedSettings.Sample method;
  private final Bound bound;
  private final double[][] liveUnits;
  private final double[] liveLogL;
  private final double scale;
  private final int walks;
  private final int slices;

  /**
   * @param method a resolved method; uniform proposals with a null bound sample the unit cube
   * @param bound the bound, or null for the unit cube
   */
  Proposer(
      SearchProblem problem,
      NestedSettings.Sample method,
      Bound bound,
      double[][] liveUnits,
      double[] liveLogL,
      double scale,
      int walks,
      int slices) {
    this.problem = problem;
    this.dim = problem.dimension();
    this.method = method;
    this.bound = bound;
    this.liveUnits = liveUnits;
    this.liveLogL = liveLogL;
    this.scale = scale;
    this.walks = walks;
    this.slices = slices;
  }

  /**
   * A new point with log-likelihood above {@code logLStar}, or a live point's copy if none moved.
   */
  Proposal propose(UniformRandomProvider rng, double logLStar) {
    Chain chain = new Chain(rng, dim);
    double[] unit = new double[dim];
    double logL;
    int start = -1;
    if (method == NestedSettings.Sample.UNIFORM) {
      logL = uniform(chain, unit, logLStar);
    } else {
      start = start(rng, logLStar);
      System.arraycopy(liveUnits[start], 0, unit, 0, dim);
      Ellipsoid ellipsoid = bound.around(unit, rng);
      logL =
          switch (method) {
            case RWALK -> walk(chain, ellipsoid, unit, liveLogL[start], logLStar);
            case SLICE -> axisSlices(chain, ellipsoid, unit, liveLogL[start], logLStar);
            default -> randomSlices(chain, ellipsoid, unit, liveLogL[start], logLStar);
          };
    }
    double[] vector = new double[dim];
    problem.vectorFromUnit(unit, vector);
    return new Proposal(
        unit,
        vector,
        logL,
        chain.calls,
        chain.accepted,
        chain.rejected,
        chain.expansions,
        chain.contractions,
        chain.stuck,
        start);
  }

  private double uniform(Chain chain, double[] unit, double logLStar) {
    for (int tries = 0; tries < MAX_UNIFORM_DRAWS; tries++) {
      if (bound == null) {
        for (int i = 0; i < dim; i++) {
          unit[i] = chain.rng.nextDouble();
        }
      } else {
        bound.sampleUniform(chain.rng, chain.gauss, chain.z, unit);
      }
      double logL = chain.evaluate(unit);
      if (logL > logLStar) {
        return logL;
      }
    }
    throw new IllegalStateException(
        "no point above the likelihood constraint in "
            + MAX_UNIFORM_DRAWS
            + " uniform draws: the likelihood is flat (a plateau) around its maximum or the"
            + " region above the constraint is vanishingly small; stop earlier with a larger dlogz"
            + " or give the likelihood a unique maximum");
  }

  /** A random live point above the constraint, where one can be found. */
  private int start(UniformRandomProvider rng, double logLStar) {
    for (int tries = 0; tries < START_TRIES; tries++) {
      int index = rng.nextInt(liveLogL.length);
      if (liveLogL[index] > logLStar) {
        return index;
      }
    }
    for (int index = 0; index < liveLogL.length; index++) {
      if (liveLogL[index] > logLStar) {
        return index;
      }
    }
    return rng.nextInt(liveLogL.length);
  }

  private double walk(
      Chain chain, Ellipsoid ellipsoid, double[] unit, double logL, double logLStar) {
    double current = logL;
    int steps = 0;
    int maxSteps = 4 * walks;
    while (steps < walks || (chain.accepted == 0 && steps < maxSteps)) {
      steps++;
      Ellipsoid.ballPoint(chain.rng, chain.gauss, chain.z);
      ellipsoid.move(unit, scale, chain.z, chain.trial);
      double trialLogL = chain.evaluate(chain.trial);
      if (trialLogL > logLStar) {
        System.arraycopy(chain.trial, 0, unit, 0, dim);
        current = trialLogL;
        chain.accepted++;
      } else {
        chain.rejected++;
      }
    }
    chain.stuck = chain.accepted == 0;
    return current;
  }

  private double axisSlices(
      Chain chain, Ellipsoid ellipsoid, double[] unit, double logL, double logLStar) {
    double current = logL;
    int[] order = new int[dim];
    for (int s = 0; s < slices; s++) {
      for (int i = 0; i < dim; i++) {
        order[i] = i;
      }
      for (int i = dim - 1; i > 0; i--) {
        int j = chain.rng.nextInt(i + 1);
        int swap = order[i];
        order[i] = order[j];
        order[j] = swap;
      }
      for (int axis : order) {
        ellipsoid.axis(axis, scale, chain.direction);
        current = slice(chain, unit, current, logLStar);
      }
    }
    return current;
  }

  private double randomSlices(
      Chain chain, Ellipsoid ellipsoid, double[] unit, double logL, double logLStar) {
    double current = logL;
    for (int s = 0; s < slices; s++) {
      double norm = Ellipsoid.sphereDirection(chain.gauss, chain.z);
      ellipsoid.move(chain.zero, scale / norm, chain.z, chain.direction);
      current = slice(chain, unit, current, logLStar);
    }
    return current;
  }

  /**
   * One slice update of {@code unit} along {@code chain.direction}: a unit-length interval placed
   * at random around the point, stepped out while its ends are above the constraint, then shrunk
   * towards the point until a draw in it is above the constraint.
   */
  private double slice(Chain chain, double[] unit, double logL, double logLStar) {
    double offset = chain.rng.nextDouble();
    double left = -offset;
    double right = 1 - offset;
    for (int step = 0; step < MAX_STEPS_OUT && chain.along(unit, left) > logLStar; step++) {
      left -= 1;
      chain.expansions++;
    }
    for (int step = 0; step < MAX_STEPS_OUT && chain.along(unit, right) > logLStar; step++) {
      right += 1;
      chain.expansions++;
    }
    for (int shrink = 0; shrink < MAX_SHRINKS; shrink++) {
      double t = left + chain.rng.nextDouble() * (right - left);
      double trialLogL = chain.along(unit, t);
      if (trialLogL > logLStar) {
        System.arraycopy(chain.trial, 0, unit, 0, dim);
        return trialLogL;
      }
      if (t < 0) {
        left = t;
      } else {
        right = t;
      }
      chain.contractions++;
    }
    chain.stuck = true;
    return logL;
  }

  /** The generator, scratch buffers and counters of one proposal. */
  private final class Chain {
    final UniformRandomProvider rng;
    final ZigguratSampler.NormalizedGaussian gauss;
    final double[] z;
    final double[] zero;
    final double[] trial;
    final double[] direction;
    final double[] vector;
    long calls;
    int accepted;
    int rejected;
    int expansions;
    int contractions;
    boolean stuck;

    Chain(UniformRandomProvider rng, int dim) {
      this.rng = rng;
      this.gauss = ZigguratSampler.NormalizedGaussian.of(rng);
      this.z = new double[dim];
      this.zero = new double[dim];
      this.trial = new double[dim];
      this.direction = new double[dim];
      this.vector = new double[dim];
    }

    /** The log-likelihood at a unit point: negative infinity, without a call, outside the cube. */
    double evaluate(double[] unit) {
      if (!Bound.inUnitCube(unit)) {
        return Double.NEGATIVE_INFINITY;
      }
      problem.vectorFromUnit(unit, vector);
      calls++;
      return problem.logLikelihood(vector);
    }

    /** Evaluates {@code unit + t direction}, left in {@link #trial}. */
    double along(double[] unit, double t) {
      for (int i = 0; i < trial.length; i++) {
        trial[i] = unit[i] + t * direction[i];
      }
      return evaluate(trial);
    }
  }
}
