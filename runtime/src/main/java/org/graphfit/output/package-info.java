/**
 * Files on disk: fit folders keyed by a stable identifier of model, data, settings and tag ({@link
 * org.graphfit.output.OutputFolder}), checked when read back against the manifest written last
 * ({@code files/manifest.json}, the completion marker); atomic writes ({@link
 * org.graphfit.output.AtomicFiles}, with a {@link org.graphfit.output.WriteListener} for fault
 * injection); file checkpoints that carry their own digest ({@link
 * org.graphfit.output.FileCheckpointStore}); the lock that keeps one writer per folder ({@link
 * org.graphfit.output.FitLock}); the paths hooks write to and the names of factor folders; the
 * {@code samples.csv} format (also that of {@code latent.csv}); and {@code files/model.json} read
 * back into a typed model or factor graph ({@link org.graphfit.output.ModelFile}); the frame of the
 * HTML pages written for fits ({@link org.graphfit.output.HtmlPage}). Depends on {@code log},
 * {@code analysis}, {@code model}, {@code search}, {@code graph} and Jackson; implements {@code
 * search}'s {@link org.graphfit.search.CheckpointStore}, {@link org.graphfit.search.Storage} and
 * its folders (registered for {@link java.util.ServiceLoader} as {@link
 * org.graphfit.output.OutputStorage}) and {@code analysis}'s {@link
 * org.graphfit.analysis.FitPaths}.
 */
package org.graphfit.output;
