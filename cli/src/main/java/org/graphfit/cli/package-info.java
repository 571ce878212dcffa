/**
 * The {@code graphfit} command line ({@link org.graphfit.cli.GraphFitCommand}, picocli): {@code
 * list}, {@code show}, {@code index}, {@code query}, {@code export}. Depends on the aggregator and
 * the runtime's {@code output} and {@code search} packages.
 */
package org.graphfit.cli;
