package org.graphfit.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.graphfit.ep.FactorResult;
import org.graphfit.ep.FactorTask;
import scala.concurrent.ExecutionContext;
import scala.concurrent.ExecutionContext$;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;
import scala.util.Try;

/**
 * The Spark job of one block's remote tasks, one task per partition that has work: Spark hands each
 * partition's report to the driver as soon as its task finishes, and {@link #next} gives the
 * results in task order, waiting only for the partition of the result asked for.
 */
final class RemoteBlock {
  /** Runs a completion callback on the thread that completes the job. */
  private static final ExecutionContext ON_SPARK_THREAD =
      ExecutionContext$.MODULE$.fromExecutor(Runnable::run);

  private final Object lock = new Object();
  private final int[] partitionOf;
  private final byte[][] encoded;
  private final long[] arrived;
  private final Codec.Report[] reports;
  private final int[] handed;
  private final long start = System.nanoTime();
  private final SimpleFutureAction<BoxedUnit> future;
  private final int tasks;
  private boolean finished;

  /**
   * Submits the job.
   *
   * @param spark the context
   * @param shards the cached factors, one element per partition
   * @param partitionOf each factor id's partition
   * @param remote the block's remote tasks
   */
  RemoteBlock(
      JavaSparkContext spark,
      JavaRDD<FactorShard> shards,
      int[] partitionOf,
      List<FactorTask> remote) {
    int partitions = shards.getNumPartitions();
    this.partitionOf = partitionOf;
    this.encoded = new byte[partitions][];
    this.arrived = new long[partitions];
    this.reports = new Codec.Report[partitions];
    this.handed = new int[partitions];
    this.tasks = remote.size();
    List<List<FactorTask>> byPartition = new ArrayList<>(partitions);
    for (int p = 0; p < partitions; p++) {
      byPartition.add(new ArrayList<>());
    }
    for (FactorTask task : remote) {
      byPartition.get(partitionOf[task.factor()]).add(task);
    }
    List<byte[]> payloads = new ArrayList<>(partitions);
    List<Object> withWork = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      payloads.add(Codec.tasks(byPartition.get(p)));
      if (!byPartition.get(p).isEmpty()) {
        withWork.add(p);
      }
    }
    JavaRDD<byte[]> results =
        shards.zipPartitions(spark.parallelize(payloads, partitions), new ShardFunctions.Update());
    this.future =
        spark
            .sc()
            .submitJob(
                results.rdd(),
                new ShardFunctions.OnlyElement(),
                CollectionConverters.asScala(withWork).toSeq(),
                new Arrival(),
                new Nothing());
    future.onComplete(new Completion(), ON_SPARK_THREAD);
  }

  /**
   * The result of a remote task, waiting for its partition's report; call in task order.
   *
   * @param task the task
   * @return its result
   * @throws IllegalStateException if the job failed or the calling thread was interrupted
   */
  FactorResult next(FactorTask task) {
    int p = partitionOf[task.factor()];
    if (reports[p] == null) {
      reports[p] = Codec.report(await(p));
    }
    return reports[p].results().get(handed[p]++);
  }

  private byte[] await(int p) {
    synchronized (lock) {
      while (encoded[p] == null) {
        if (finished) {
          throw failure();
        }
        try {
          lock.wait();
        } catch (InterruptedException e) {
          future.cancel();
          Thread.currentThread().interrupt();
          throw new IllegalStateException(
              "interrupted while waiting for Spark's factor updates", e);
        }
      }
      return encoded[p];
    }
  }

  private IllegalStateException failure() {
    Try<BoxedUnit> outcome = future.value().get();
    if (outcome.isFailure()) {
      Throwable cause = outcome.failed().get();
      String message = String.valueOf(cause.getMessage());
      int end = message.indexOf('\n');
      return new IllegalStateException(
          "the Spark job of the factor updates failed: "
              + (end < 0 ? message : message.substring(0, end)),
          cause);
    }
    return new IllegalStateException("the Spark job of the factor updates ended without a result");
  }

  /** Cancels the job if it still runs, e.g. after a failure on the driver. */
  void cancel() {
    if (!future.isCompleted()) {
      future.cancel();
    }
  }

  /**
   * What the job cost, once every result was handed over.
   *
   * @param sweep the sweep
   * @return the summary
   */
  SparkJob summary(int sweep) {
    double seconds = 0;
    int built = 0;
    double buildSeconds = 0;
    List<String> executors = new ArrayList<>();
    List<Double> taskSeconds = new ArrayList<>();
    for (int p = 0; p < reports.length; p++) {
      Codec.Report report = reports[p];
      executors.add(report == null ? "" : report.executor());
      taskSeconds.add(report == null ? 0 : report.seconds());
      if (report != null) {
        seconds = Math.max(seconds, (arrived[p] - start) / 1e9);
        built += report.built() ? 1 : 0;
        buildSeconds += report.buildSeconds();
      }
    }
    return new SparkJob(sweep, tasks, seconds, executors, taskSeconds, built, buildSeconds);
  }

  /** Records a partition's report as Spark hands it over (on Spark's scheduler thread). */
  private final class Arrival extends AbstractFunction2<Object, byte[], BoxedUnit> {
    @Override
    public BoxedUnit apply(Object partition, byte[] report) {
      int p = (Integer) partition;
      synchronized (lock) {
        encoded[p] = report;
        arrived[p] = System.nanoTime();
        lock.notifyAll();
      }
      return BoxedUnit.UNIT;
    }
  }

  /** Wakes a waiting caller when the job ends, successfully or not. */
  private final class Completion extends AbstractFunction1<Try<BoxedUnit>, BoxedUnit> {
    @Override
    public BoxedUnit apply(Try<BoxedUnit> outcome) {
      synchronized (lock) {
        finished = true;
        lock.notifyAll();
      }
      return BoxedUnit.UNIT;
    }
  }

  /** The job's overall result: nothing, the reports come through {@link Arrival}. */
  private static final class Nothing extends scala.runtime.AbstractFunction0<BoxedUnit> {
    @Override
    public BoxedUnit apply() {
      return BoxedUnit.UNIT;
    }
  }
}
