/**
 * Commands that print speed and accuracy tables (run them with {@code benchmarks/run}): JMH
 * micro-benchmarks of the likelihood hot path and sampler benchmarks against analytic evidences.
 */
package org.graphfit.benchmarks;
