package org.graphfit.aggregator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.graphfit.log.Log;

/**
 * Every fit folder under one or more output roots: single searches, joint graph searches and
 * expectation propagation fits, completed or not. Finding them reads directory listings only; each
 * fit's files are read when a query first needs them ({@link FitFolder}), and a folder whose
 * manifest does not verify is {@link FitStatus#CORRUPT}: {@link #completed()} leaves it out and
 * logs a warning naming it and the damaged file.
 *
 * <pre>{@code
 * Aggregator aggregator = Aggregator.of(Path.of("output"));
 * for (FitFolder fit : aggregator.completed().named("seed/dataset_*")) {
 *   Result<Gaussian> result = fit.result(GaussianModel.withDefaults());
 * }
 * aggregator.completed().trustworthy().table(Table.perFit("name", "log_evidence", "centre"));
 * }</pre>
 */
public final class Aggregator {
  private static final Log LOG = Log.of(Aggregator.class);

  private final List<Path> roots;
  private FitSelection all;

  private Aggregator(List<Path> roots) {
    this.roots = List.copyOf(roots);
  }

  /**
   * The fit folders under the given roots.
   *
   * @param roots output roots (the paths given to {@code withOutput})
   * @return the aggregator
   * @throws IllegalArgumentException if no root is given, or a root is not a directory
   */
  public static Aggregator of(Path... roots) {
    return of(List.of(roots));
  }

  /**
   * The fit folders under the given roots.
   *
   * @param roots output roots
   * @return the aggregator
   * @throws IllegalArgumentException if no root is given, or a root is not a directory
   */
  public static Aggregator of(List<Path> roots) {
    if (roots.isEmpty()) {
      throw new IllegalArgumentException("give at least one output root");
    }
    for (Path root : roots) {
      FitScanner.requireDirectory(root);
    }
    return new Aggregator(roots);
  }

  /**
   * The roots searched.
   *
   * @return the roots
   */
  public List<Path> roots() {
    return roots;
  }

  /**
   * Every fit folder found, whatever its status; nothing is read. The roots are listed by the first
   * call (or by the first {@link FitDatabase#update(Aggregator)}, which lists only the directories
   * that changed since its last update), and that listing is kept.
   *
   * @return the folders, sorted by path within each root
   * @throws java.io.UncheckedIOException if a directory cannot be listed
   */
  public synchronized FitSelection all() {
    if (all == null) {
      List<FitFolder> fits = new ArrayList<>();
      for (Path root : roots) {
        fits.addAll(FitScanner.scan(root));
      }
      all = new FitSelection(fits);
    }
    return all;
  }

  /** Whether the roots have been listed. */
  synchronized boolean listed() {
    return all != null;
  }

  /** Takes a listing of the roots made elsewhere (by a database update), if none was made yet. */
  synchronized void adopt(List<FitFolder> fits) {
    if (all == null) {
      all = new FitSelection(fits);
    }
  }

  /**
   * The completed fits, every file checked against its manifest; corrupt folders are left out, each
   * logged as a warning naming the damaged file.
   *
   * @return the completed fits
   */
  public FitSelection completed() {
    FitSelection completed = all().withStatus(FitStatus.COMPLETE);
    for (FitFolder fit : all().withStatus(FitStatus.CORRUPT)) {
      LOG.warn("skipping the corrupt fit {}: {}", fit.path(), fit.problem());
    }
    return completed;
  }

  /**
   * The fits without a manifest: running, or interrupted.
   *
   * @return the incomplete fits
   */
  public FitSelection incomplete() {
    return all().withStatus(FitStatus.INCOMPLETE);
  }

  /**
   * The folders that cannot be trusted, each with its {@link FitFolder#problem()}.
   *
   * @return the corrupt folders
   */
  public FitSelection corrupt() {
    return all().withStatus(FitStatus.CORRUPT);
  }
}
