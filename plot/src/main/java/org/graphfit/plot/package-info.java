/**
 * Pictures, as PNG and SVG, drawn with JFreeChart and JFreeSVG through one Java2D code path: data
 * with a model fit and residuals ({@link org.graphfit.plot.FitPlot}), corner plots of posterior
 * samples ({@link org.graphfit.plot.CornerPlot}) and factor graphs ({@link
 * org.graphfit.plot.FactorGraphPicture}). Depends on the runtime; the runtime never depends on it.
 */
package org.graphfit.plot;
