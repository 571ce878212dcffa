package org.graphfit.spark;

import java.util.List;

/**
 * What the Spark job of one sweep's analysis factors cost, as the driver saw it.
 *
 * @param sweep the sweep, from 1
 * @param tasks the factor updates it ran
 * @param partitions the Spark tasks it ran (partitions with at least one update)
 * @param seconds the wall time from submitting the job to the last partition's results
 * @param longestTaskSeconds the longest Spark task's own time on its executor (rebuilding its
 *     factors included); {@code seconds - longestTaskSeconds} is Spark's overhead on the job's
 *     critical path
 * @param shardsBuilt the partitions whose factors were (re)built in this job: all in the first
 *     sweep, none later unless an executor was lost or Spark evicted its cached factors
 * @param buildSeconds the executors' seconds spent rebuilding factors in this job, summed
 * @param executors the id of the executor that ran each partition, empty for a partition without
 *     work
 */
public record SparkJob(
    int sweep,
    int tasks,
    int partitions,
    double seconds,
    double longestTaskSeconds,
    int shardsBuilt,
    double buildSeconds,
    List<String> executors) {
  /** Copies the executors. */
  public SparkJob {
    executors = List.copyOf(executors);
  }
}
