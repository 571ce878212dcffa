/**
 * Results at scale: finds the fit folders under output roots ({@link
 * org.graphfit.aggregator.Aggregator}), checks each against its manifest and reads it lazily
 * ({@link org.graphfit.aggregator.FitFolder}), filters and groups them ({@link
 * org.graphfit.aggregator.FitSelection}), exports tables as CSV ({@link
 * org.graphfit.aggregator.Table}) and keeps an SQLite database of them up to date ({@link
 * org.graphfit.aggregator.FitDatabase}). Depends on the runtime's {@code output}, {@code model} and
 * {@code search} packages, Jackson, Apache Commons CSV and JDBC.
 */
package org.graphfit.aggregator;
