package org.graphfit.spark;

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
 *   EpResult result = ep.fit(graph, factors -> SparkFactorExecutor.of(spark, source, 200));
 * }
 * }</pre>
 */
public final class SparkFactorExecutor implements FactorExecutor {
  private static final Map<String, List<EpFactor>> FACTORS_BY_SOURCE = new ConcurrentHashMap<>();

  private final JavaSparkContext spark;
  private final FactorSource source;
  private final int partitions;

  private SparkFactorExecutor(JavaSparkContext spark, FactorSource source, int partitions) {
    this.spark = spark;
    this.source = source;
    this.partitions = partitions;
  }

  /**
   * An executor on a Spark context.
   *
   * @param spark the Spark context; the caller owns it and stops it
   * @param source the recipe workers rebuild the factors from
   * @param partitions the most Spark tasks per sweep block, at least 1
   * @return the executor
   * @throws IllegalArgumentException if {@code partitions < 1}
   */
  public static SparkFactorExecutor of(
      JavaSparkContext spark, FactorSource source, int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1 but was " + partitions);
    }
    return new SparkFactorExecutor(
        Objects.requireNonNull(spark, "spark"),
        Objects.requireNonNull(source, "source"),
        partitions);
  }

  @Override
  public List<FactorResult> execute(List<FactorTask> tasks) {
    if (tasks.isEmpty()) {
      return List.of();
    }
    return spark
        .parallelize(tasks, Math.min(partitions, tasks.size()))
        .map(new Update(source))
        .collect();
  }

  /** The Spark context belongs to the caller, so closing the executor leaves it running. */
  @Override
  public void close() {}

  /** The factors of a source in this JVM, built on first use. */
  static List<EpFactor> factors(FactorSource source) {
    return FACTORS_BY_SOURCE.computeIfAbsent(source.id(), id -> List.copyOf(source.factors()));
  }

  /** The worker-side function: one factor update. */
  private static final class Update implements Function<FactorTask, FactorResult> {
    private static final long serialVersionUID = 1L;

    private final FactorSource source;

    Update(FactorSource source) {
      this.source = source;
    }

    @Override
    public FactorResult call(FactorTask task) {
      return factors(source).get(task.factor()).update(task);
    }
  }
}
