/**
 * Pictures and reports of fits. Every plot is a {@link org.graphfit.plot.Figure}: one Java2D
 * painter drawn into a PNG raster or, through JFreeSVG, an SVG document (JFreeChart draws the
 * charts; the corner plot and the factor graph are laid out here, so their geometry is an object
 * that tests check before anything is drawn).
 *
 * <ul>
 *   <li>{@link org.graphfit.plot.CornerPlot}: posterior marginals and pairs on one grid, log axes
 *       for log priors, quantile titles, truths, a chosen or automatic parameter subset.
 *   <li>{@link org.graphfit.plot.FactorGraphPicture}: a factor graph in layers, with plates for
 *       many alike factors.
 *   <li>{@link org.graphfit.plot.FitPlot}: a dataset against its x values with a model, its band
 *       and the residuals.
 *   <li>{@link org.graphfit.plot.HierarchyPlot}: the parameters a parent distribution draws, with
 *       the fitted parent.
 *   <li>{@link org.graphfit.plot.ConvergencePlot} and {@link org.graphfit.plot.EpTracePlot}:
 *       expectation propagation per sweep ({@link org.graphfit.plot.EpTrace} records the trace).
 *   <li>{@link org.graphfit.plot.Report}: one self-contained {@code report.html} per fit, written
 *       for every fit with an output folder by {@link org.graphfit.plot.FitReports}, which the
 *       runtime finds with {@link java.util.ServiceLoader}.
 * </ul>
 *
 * <p>Uses only the runtime's public API. Depends on the runtime, JFreeChart and JFreeSVG; the
 * runtime never depends on it.
 */
package org.graphfit.plot;
