package org.graphfit.aggregator;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoublePredicate;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * An immutable, ordered selection of fit folders, narrowed by filters that each read only what they
 * test: {@link #named(String)} reads nothing, {@link #withStatus(FitStatus)} the manifest and the
 * checked files, {@link #where(String, DoublePredicate)} the summary. Filters on results ({@link
 * #trustworthy()}, {@link #where}, {@link #logEvidenceAtLeast}) keep completed fits only.
 */
public final class FitSelection implements Iterable<FitFolder> {
  private final List<FitFolder> fits;

  FitSelection(List<FitFolder> fits) {
    this.fits = List.copyOf(fits);
  }

  /**
   * The fits whose name matches a glob, {@code *} within one folder name and {@code **} across
   * them, e.g. {@code seed/dataset_*} or {@code **joint}.
   *
   * @param glob the pattern
   * @return the selection
   */
  public FitSelection named(String glob) {
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
    return filter(fit -> matcher.matches(Path.of(fit.name())));
  }

  /**
   * The fits of a tag.
   *
   * @param tag the user tag given to {@code withTag}, {@code ""} for none
   * @return the selection
   */
  public FitSelection tagged(String tag) {
    return filter(fit -> tag.equals(fit.tag()));
  }

  /**
   * The fits of a status.
   *
   * @param status the status
   * @return the selection
   */
  public FitSelection withStatus(FitStatus status) {
    return filter(fit -> fit.status() == status);
  }

  /**
   * The fits of a kind.
   *
   * @param kind the kind
   * @return the selection
   */
  public FitSelection ofKind(FitKind kind) {
    return filter(fit -> fit.kind() == kind);
  }

  /**
   * The fits of a model type, e.g. {@code Gaussian} ({@code Collection} for graphs).
   *
   * @param type the type recorded in {@code files/model.json}
   * @return the selection
   */
  public FitSelection ofModel(String type) {
    return filter(fit -> type.equals(fit.modelType()));
  }

  /**
   * The fits whose model has a free parameter of the given path.
   *
   * @param path e.g. {@code centre} or {@code dataset_0.centre}
   * @return the selection
   */
  public FitSelection withParameter(String path) {
    return filter(fit -> fit.parameterPaths().contains(path));
  }

  /**
   * The completed fits whose estimate (median, or mean for EP) of a parameter passes a test.
   *
   * @param path the parameter's path
   * @param test the test of its estimate
   * @return the selection
   */
  public FitSelection where(String path, DoublePredicate test) {
    return completedWhere(
        fit -> fit.parameter(path).map(p -> test.test(p.estimate())).orElse(false));
  }

  /**
   * The completed fits whose log evidence is at least a value.
   *
   * @param logEvidence the lowest value kept
   * @return the selection
   */
  public FitSelection logEvidenceAtLeast(double logEvidence) {
    return completedWhere(fit -> fit.summary().logEvidence() >= logEvidence);
  }

  /**
   * The completed fits that passed their self-checks.
   *
   * @return the selection
   */
  public FitSelection trustworthy() {
    return completedWhere(fit -> fit.summary().trustworthy());
  }

  /**
   * The completed fits that did not pass their self-checks.
   *
   * @return the selection
   */
  public FitSelection untrustworthy() {
    return completedWhere(fit -> !fit.summary().trustworthy());
  }

  /**
   * The completed fits whose search reports that it converged.
   *
   * @return the selection
   */
  public FitSelection converged() {
    return completedWhere(fit -> Boolean.TRUE.equals(fit.summary().converged()));
  }

  private FitSelection completedWhere(Predicate<FitFolder> test) {
    return filter(fit -> fit.status() == FitStatus.COMPLETE && test.test(fit));
  }

  /**
   * The fits that pass a test.
   *
   * @param test the test
   * @return the selection
   */
  public FitSelection filter(Predicate<FitFolder> test) {
    List<FitFolder> kept = new ArrayList<>();
    for (FitFolder fit : fits) {
      if (test.test(fit)) {
        kept.add(fit);
      }
    }
    return new FitSelection(kept);
  }

  /**
   * The selection split by a key, in the order keys first appear.
   *
   * @param key e.g. {@code FitFolder::name} or {@code fit -> fit.summary().search()}
   * @param <K> the key type
   * @return key to selection
   */
  public <K> Map<K, FitSelection> groupBy(Function<FitFolder, K> key) {
    Map<K, List<FitFolder>> groups = new LinkedHashMap<>();
    for (FitFolder fit : fits) {
      groups.computeIfAbsent(key.apply(fit), k -> new ArrayList<>()).add(fit);
    }
    Map<K, FitSelection> selections = new LinkedHashMap<>();
    groups.forEach((k, list) -> selections.put(k, new FitSelection(list)));
    return selections;
  }

  /**
   * One parameter's summary in every completed fit that has it.
   *
   * @param path the parameter's path
   * @return fit to summary, in the selection's order
   */
  public Map<FitFolder, ParameterSummary> values(String path) {
    Map<FitFolder, ParameterSummary> values = new LinkedHashMap<>();
    for (FitFolder fit : fits) {
      if (fit.status() == FitStatus.COMPLETE) {
        fit.parameter(path).ifPresent(summary -> values.put(fit, summary));
      }
    }
    return values;
  }

  /**
   * The selection as a table.
   *
   * @param table the table's rows and columns
   * @return its rows
   */
  public List<List<String>> rows(Table table) {
    return table.rows(this);
  }

  /**
   * The folders.
   *
   * @return the list
   */
  public List<FitFolder> list() {
    return fits;
  }

  /**
   * The number of folders.
   *
   * @return the size
   */
  public int size() {
    return fits.size();
  }

  /**
   * The folders as a stream.
   *
   * @return the stream
   */
  public Stream<FitFolder> stream() {
    return fits.stream();
  }

  @Override
  public Iterator<FitFolder> iterator() {
    return fits.iterator();
  }
}
