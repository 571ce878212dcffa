/**
 * Expectation propagation on Apache Spark: {@link org.graphfit.spark.SparkFactorExecutor} runs a
 * sweep's analysis-factor updates as one Spark job; executors rebuild only the factors of their
 * partitions from a serializable {@link org.graphfit.spark.FactorSource}, checked against the
 * driver's identity, and keep them until the fit ends. Depends on the runtime and on Spark
 * (provided).
 */
package org.graphfit.spark;
