/** Command-line benchmarks printing speed and accuracy tables of GraphFit's searches. */
package org.graphfit.benchmarks;
