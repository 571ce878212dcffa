/**
 * Files on disk: fit folders keyed by a stable identifier ({@link
 * org.graphfit.output.OutputFolder}), atomic writes, file checkpoints for resumable fits, and the
 * {@code samples.csv} format. Depends on {@code model}, {@code prior}, {@code search} and Jackson.
 */
package org.graphfit.output;
