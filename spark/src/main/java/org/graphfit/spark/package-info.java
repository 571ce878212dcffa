/**
 * Expectation propagation on Apache Spark: {@link org.graphfit.spark.SparkFactorExecutor} runs a
 * sweep's factor updates as Spark tasks, and workers rebuild the factors from a serializable {@link
 * org.graphfit.spark.FactorSource}. Depends on the runtime and on Spark (provided).
 */
package org.graphfit.spark;
