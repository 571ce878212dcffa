package org.graphfit.spark;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.graphfit.ep.EpFactor;
import org.graphfit.ep.FactorExecutor;
import org.graphfit.ep.FactorResult;
import org.graphfit.ep.FactorTask;

/**
 * A {@link FactorExecutor} on Apache Spark: the factor updates of a sweep become one Spark job
 * whose tasks carry a {@link FactorTask} out and bring a {@link FactorResult} back. Workers rebuild
 * the factors from a {@link FactorSource} once per JVM. Results come back in task order and each
 * update depends only on its task, so a fit on a cluster equals the same fit on one machine.
 *
 * <pre>{@code
 * try (JavaSparkContext spark = new JavaSparkContext(conf)) {
 *   EpResult result = ep.fit(graph, factors -> SparkFactorExecutor.of(spark, source, factors, 200));
 * }
 * }</pre>
 */
public final class SparkFactorExecutor implements FactorExecutor {
  private static final Map<String, List<EpFactor>> FACTORS_BY_KEY = new ConcurrentHashMap<>();

  private final JavaSparkContext spark;
  private final FactorSource source;
  private final String fingerprint;
  private final int partitions;

  private SparkFactorExecutor(
      JavaSparkContext spark, FactorSource source, String fingerprint, int partitions) {
    this.spark = spark;
    this.source = source;
    this.fingerprint = fingerprint;
    this.partitions = partitions;
  }

  /**
   * An executor on a Spark context.
   *
   * @param spark the Spark context; the caller owns it and stops it
   * @param source the recipe workers rebuild the factors from
   * @param driverFactors the factors the driver's expectation propagation works with; a worker
   *     whose rebuilt factors differ from them (names, order or variables) refuses to run
   * @param partitions the most Spark tasks per sweep block, at least 1
   * @return the executor
   * @throws IllegalArgumentException if {@code partitions < 1}
   */
  public static SparkFactorExecutor of(
      JavaSparkContext spark, FactorSource source, List<EpFactor> driverFactors, int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1 but was " + partitions);
    }
    return new SparkFactorExecutor(
        Objects.requireNonNull(spark, "spark"),
        Objects.requireNonNull(source, "source"),
        fingerprint(driverFactors),
        partitions);
  }

  @Override
  public List<FactorResult> execute(List<FactorTask> tasks) {
    if (tasks.isEmpty()) {
      return List.of();
    }
    return spark
        .parallelize(tasks, Math.min(partitions, tasks.size()))
        .map(new Update(source, fingerprint))
        .collect();
  }

  /**
   * Forgets this fit's factors in the driver's JVM (executor JVMs keep theirs until they stop); the
   * Spark context belongs to the caller and stays running.
   */
  @Override
  public void close() {
    FACTORS_BY_KEY.remove(key(source, fingerprint));
  }

  /**
   * The factors of a source in this JVM, built on first use and checked against the driver's.
   *
   * @throws IllegalStateException if the rebuilt factors differ from the driver's
   */
  static List<EpFactor> factors(FactorSource source, String fingerprint) {
    return FACTORS_BY_KEY.computeIfAbsent(
        key(source, fingerprint),
        key -> {
          List<EpFactor> built = List.copyOf(source.factors());
          String found = fingerprint(built);
          if (!found.equals(fingerprint)) {
            throw new IllegalStateException(
                "factor source '"
                    + source.id()
                    + "' built other factors on this worker than the driver has ("
                    + found
                    + " instead of "
                    + fingerprint
                    + "); build the same graph, in the same order, with the same settings");
          }
          return built;
        });
  }

  private static String key(FactorSource source, String fingerprint) {
    return source.id() + "#" + fingerprint;
  }

  /** A short digest of the factors' names and variables, in order. */
  static String fingerprint(List<EpFactor> factors) {
    StringBuilder text = new StringBuilder();
    for (EpFactor factor : factors) {
      text.append(factor.name()).append(factor.variables()).append(';');
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return factors.size() + ":" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /** The worker-side function: one factor update. */
  private static final class Update implements Function<FactorTask, FactorResult> {
    private static final long serialVersionUID = 1L;

    private final FactorSource source;
    private final String fingerprint;

    Update(FactorSource source, String fingerprint) {
      this.source = source;
      this.fingerprint = fingerprint;
    }

    @Override
    public FactorResult call(FactorTask task) {
      return factors(source, fingerprint).get(task.factor()).update(task);
    }
  }
}
