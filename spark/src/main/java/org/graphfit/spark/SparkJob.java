package org.graphfit.spark;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Spark job of one sweep's analysis factors cost, as the driver saw it.
 *
 * @param sweep the sweep, from 1
 * @param tasks the factor updates it ran
 * @param seconds the wall time from submitting the job to the last partition's results
 * @param executors the id of the executor that ran each partition, empty for a partition without
 *     work
 * @param taskSeconds each partition's Spark task's own time on its executor (rebuilding its factors
 *     included), 0 for a partition without work
 * @param shardsBuilt the partitions whose factors were (re)built in this job: all in the first
 *     sweep, none later unless an executor was lost or Spark evicted its cached factors
 * @param buildSeconds the executors' seconds spent rebuilding factors in this job, summed
 */
public record SparkJob(
    int sweep,
    int tasks,
    double seconds,
    List<String> executors,
    List<Double> taskSeconds,
    int shardsBuilt,
    double buildSeconds) {
  /** Copies the lists. */
  public SparkJob {
    executors = List.copyOf(executors);
    taskSeconds = List.copyOf(taskSeconds);
  }

  /**
   * The Spark tasks the job ran: the partitions with at least one update.
   *
   * @return the number of tasks
   */
  public int partitions() {
    return (int) executors.stream().filter(executor -> !executor.isEmpty()).count();
  }

  /**
   * The seconds of the busiest executor's tasks, summed: the job's critical path when each executor
   * runs one task at a time; {@code seconds() - busiestExecutorSeconds()} is then Spark's overhead
   * on the job.
   *
   * @return the seconds
   */
  public double busiestExecutorSeconds() {
    Map<String, Double> byExecutor = new HashMap<>();
    for (int p = 0; p < executors.size(); p++) {
      if (!executors.get(p).isEmpty()) {
        byExecutor.merge(executors.get(p), taskSeconds.get(p), Double::sum);
      }
    }
    return byExecutor.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
  }
}
