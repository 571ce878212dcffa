package org.graphfit.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.graphfit.ep.EpFactor;
import org.graphfit.ep.FactorExecutor;
import org.graphfit.ep.FactorResult;
import org.graphfit.ep.FactorTask;
import org.graphfit.ep.LocalFactorExecutor;
import org.graphfit.ep.PortableFactor;
import org.graphfit.log.Log;

/**
 * A {@link FactorExecutor} on Apache Spark: a sweep's analysis-factor updates run as one Spark job,
 * prior and hierarchical factors (cheap deterministic quadratures) on the driver.
 *
 * <p>The analysis factors are split, by factor id, into fixed partitions. The first sweep builds
 * each partition's factors on the executor that runs it, from the {@link FactorSource} and the
 * driver's {@link PortableFactor}s (each factor checked against the driver's identity), and Spark
 * keeps them there as a cached block: later sweeps send each partition's tasks to the executor
 * holding its factors, so an executor builds and holds only its share. A lost executor's partitions
 * are rebuilt elsewhere; {@link #close()} (at the end of the fit) drops every partition from every
 * executor, so a later fit never sees this fit's factors.
 *
 * <p>While the job runs the driver updates the block's prior factors; then results are handed to
 * expectation propagation in task order, each partition's as soon as it arrives. Tasks and results
 * travel as byte arrays, so Java serialization and Kryo both carry them. Every update depends only
 * on its task, so a fit on a cluster equals the same fit on one machine bit for bit.
 *
 * <pre>{@code
 * try (JavaSparkContext spark = new JavaSparkContext(conf)) {
 *   EpResult result = ep.fit(graph, factors -> SparkFactorExecutor.of(spark, source, factors));
 *   // or SparkFactorExecutor.builder(spark, source).partitions(64).build(factors)
 * }
 * }</pre>
 */
public final class SparkFactorExecutor implements FactorExecutor {
  private static final Log LOG = Log.of(SparkFactorExecutor.class);

  /**
   * Partitions per core of the cluster by default: two, so that a slow partition can be balanced.
   */
  private static final int PARTITIONS_PER_CORE = 2;

  private final JavaSparkContext spark;
  private final FactorSource source;
  private final List<PortableFactor> portable;
  private final int requestedPartitions;
  private final LocalFactorExecutor driver;
  private final boolean[] remote;
  private final int[] partitionOf;
  private final List<SparkJob> jobs = new ArrayList<>();
  private final List<Broadcast<byte[]>> recipes = new ArrayList<>();
  private JavaRDD<FactorShard> shards;
  private boolean closed;

  private SparkFactorExecutor(Builder builder, List<EpFactor> factors) {
    this.spark = builder.spark;
    this.source = builder.source;
    this.portable = PortableFactor.of(factors);
    this.requestedPartitions = builder.partitions;
    this.driver = LocalFactorExecutor.of(factors, builder.driverThreads);
    this.remote = new boolean[factors.size()];
    for (PortableFactor factor : portable) {
      remote[factor.factor()] = true;
    }
    this.partitionOf = new int[factors.size()];
    Arrays.fill(partitionOf, -1);
  }

  /**
   * An executor with the default settings ({@link Builder}).
   *
   * @param spark the Spark context; the caller owns it and stops it
   * @param source rebuilds the analysis factors on executors
   * @param factors the driver's factors ({@link org.graphfit.ep.ExpectationPropagation#fit} passes
   *     them)
   * @return the executor
   */
  public static SparkFactorExecutor of(
      JavaSparkContext spark, FactorSource source, List<EpFactor> factors) {
    return builder(spark, source).build(factors);
  }

  /**
   * A builder of executors on a Spark context.
   *
   * @param spark the Spark context; the caller owns it and stops it
   * @param source rebuilds the analysis factors on executors
   * @return the builder
   */
  public static Builder builder(JavaSparkContext spark, FactorSource source) {
    return new Builder(
        Objects.requireNonNull(spark, "spark"), Objects.requireNonNull(source, "source"));
  }

  @Override
  public List<FactorResult> execute(List<FactorTask> tasks) {
    List<FactorResult> results = new ArrayList<>(tasks.size());
    execute(tasks, results::add);
    return results;
  }

  @Override
  public void execute(List<FactorTask> tasks, Consumer<FactorResult> inOrder) {
    if (closed) {
      throw new IllegalStateException("the executor is closed");
    }
    List<FactorTask> onSpark = new ArrayList<>();
    List<FactorTask> local = new ArrayList<>();
    for (FactorTask task : tasks) {
      (isRemote(task) ? onSpark : local).add(task);
    }
    if (onSpark.isEmpty()) {
      driver.execute(tasks, inOrder);
      return;
    }
    RemoteBlock block = new RemoteBlock(spark, shards(), partitionOf, onSpark);
    try {
      List<FactorResult> localResults = driver.execute(local);
      int next = 0;
      for (FactorTask task : tasks) {
        inOrder.accept(isRemote(task) ? block.next(task) : localResults.get(next++));
      }
    } finally {
      block.cancel();
    }
    SparkJob job = block.summary(onSpark.get(0).sweep());
    if (job.shardsBuilt() > 0 && !jobs.isEmpty()) {
      LOG.info(
          "rebuilt the factors of {} of {} Spark partitions in sweep {} (an executor was lost or"
              + " Spark evicted its cached factors; give executors more memory if this repeats)",
          job.shardsBuilt(),
          shards.getNumPartitions(),
          job.sweep());
    }
    jobs.add(job);
  }

  private boolean isRemote(FactorTask task) {
    return task.factor() < remote.length && remote[task.factor()];
  }

  /** The cached factor partitions, made at the first remote block. */
  private JavaRDD<FactorShard> shards() {
    if (shards != null) {
      return shards;
    }
    int partitions =
        requestedPartitions > 0
            ? requestedPartitions
            : PARTITIONS_PER_CORE * spark.defaultParallelism();
    partitions = Math.max(1, Math.min(partitions, portable.size()));
    for (int p = 0; p < partitions; p++) {
      List<PortableFactor> slice =
          portable.subList(
              (int) ((long) p * portable.size() / partitions),
              (int) ((long) (p + 1) * portable.size() / partitions));
      for (PortableFactor factor : slice) {
        partitionOf[factor.factor()] = p;
      }
      recipes.add(spark.broadcast(ShardFunctions.serialize(slice.toArray(PortableFactor[]::new))));
    }
    shards =
        spark
            .parallelize(IntStream.range(0, partitions).boxed().toList(), partitions)
            .mapPartitionsWithIndex(new ShardFunctions.Build(source, recipes), true)
            .setName("graphfit EP analysis factors")
            .persist(StorageLevel.MEMORY_ONLY());
    return shards;
  }

  /**
   * The Spark jobs run so far, one per sweep.
   *
   * @return the jobs, in order
   */
  public List<SparkJob> jobs() {
    return List.copyOf(jobs);
  }

  /**
   * Drops the cached factors from every executor and the portable factors' broadcasts; the Spark
   * context belongs to the caller and stays running.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    driver.close();
    if (spark.sc().isStopped()) {
      return;
    }
    if (shards != null) {
      shards.unpersist(false);
    }
    for (Broadcast<byte[]> broadcast : recipes) {
      broadcast.destroy();
    }
  }

  /**
   * The settings of a {@link SparkFactorExecutor}: by default the analysis factors are split into
   * twice as many partitions as the cluster has cores ({@code spark.defaultParallelism}) when the
   * first sweep starts, and the driver updates prior and hierarchical factors on as many threads as
   * it has processors (the executors are idle meanwhile). Results do not depend on either.
   */
  public static final class Builder {
    private final JavaSparkContext spark;
    private final FactorSource source;
    private int partitions;
    private int driverThreads = Runtime.getRuntime().availableProcessors();

    private Builder(JavaSparkContext spark, FactorSource source) {
      this.spark = spark;
      this.source = source;
    }

    /**
     * The number of partitions of the analysis factors: a sweep's Spark tasks (fewer if there are
     * fewer analysis factors). More balance datasets of uneven cost; each costs Spark a few
     * milliseconds per sweep.
     *
     * @param partitions at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code partitions < 1}
     */
    public Builder partitions(int partitions) {
      if (partitions < 1) {
        throw new IllegalArgumentException("partitions must be at least 1 but was " + partitions);
      }
      this.partitions = partitions;
      return this;
    }

    /**
     * The threads with which the driver updates prior and hierarchical factors, the calling thread
     * included.
     *
     * @param threads at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public Builder driverThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("driverThreads must be at least 1 but was " + threads);
      }
      this.driverThreads = threads;
      return this;
    }

    /**
     * The executor for a fit's factors.
     *
     * @param factors the driver's factors ({@link org.graphfit.ep.ExpectationPropagation#fit}
     *     passes them)
     * @return the executor
     */
    public SparkFactorExecutor build(List<EpFactor> factors) {
      return new SparkFactorExecutor(this, List.copyOf(Objects.requireNonNull(factors, "factors")));
    }
  }
}
