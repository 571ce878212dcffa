package org.graphfit.search.optimize;

import java.util.LinkedHashMap;
import java.util.Map;
import org.graphfit.search.EngineSettings;
import org.graphfit.search.SearchOptions;

/**
 * The immutable settings of an {@link Optimization}, made with {@link Optimization#builder()}:
 * which optimizer runs, what it maximizes, the seed of CMA-ES and of the Laplace draws, the CMA-ES
 * restarts and the number of Laplace draws. Defaults: CMA-ES then L-BFGS on the log posterior, seed
 * 0, 4 restarts, 2000 draws.
 */
public final class OptimizationSettings implements EngineSettings {
  /** Which optimizer runs. */
  public enum Method {
    /** CMA-ES with restarts. */
    CMA_ES,
    /** L-BFGS from the prior medians. */
    LBFGS,
    /** CMA-ES, then L-BFGS from its best point. */
    CMA_ES_THEN_LBFGS
  }

  private final Method method;
  private final Objective objective;
  private final long seed;
  private final int restarts;
  private final int laplaceDraws;

  OptimizationSettings(Optimization.Builder builder) {
    this.method = builder.method;
    this.objective = builder.objective;
    this.seed = builder.seed;
    this.restarts = builder.restarts;
    this.laplaceDraws = builder.laplaceDraws;
  }

  /**
   * A builder holding these settings and the given options.
   *
   * @param options the search's options
   * @return the builder
   */
  Optimization.Builder toBuilder(SearchOptions options) {
    Optimization.Builder copy = new Optimization.Builder(options);
    copy.method = method;
    copy.objective = objective;
    copy.seed = seed;
    copy.restarts = restarts;
    copy.laplaceDraws = laplaceDraws;
    return copy;
  }

  /**
   * The optimizer.
   *
   * @return the method (default {@link Method#CMA_ES_THEN_LBFGS})
   */
  public Method method() {
    return method;
  }

  /**
   * What is maximized.
   *
   * @return the objective (default {@link Objective#LOG_POSTERIOR})
   */
  public Objective objective() {
    return objective;
  }

  /**
   * The seed of CMA-ES and of the Laplace draws.
   *
   * @return the seed (default 0)
   */
  public long seed() {
    return seed;
  }

  /**
   * The CMA-ES restarts.
   *
   * @return at least 0 (default 4)
   */
  public int restarts() {
    return restarts;
  }

  /**
   * The draws from the Laplace approximation that become the samples.
   *
   * @return at least 1 (default 2000)
   */
  public int laplaceDraws() {
    return laplaceDraws;
  }

  /**
   * The settings by name, in a stable order, as written to {@code search.json}.
   *
   * @return the map
   */
  @Override
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("method", method.name());
    map.put("objective", objective.name());
    map.put("seed", seed);
    map.put("restarts", restarts);
    map.put("laplace_draws", laplaceDraws);
    return map;
  }

  @Override
  public String toString() {
    return "OptimizationSettings" + toMap();
  }
}
