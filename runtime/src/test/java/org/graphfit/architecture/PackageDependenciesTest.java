package org.graphfit.architecture;

import static com.google.common.truth.Truth.assertWithMessage;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runtime's packages depend on each other only down their layers, read from the compiled
 * classes: {@code log -> prior -> model -> analysis -> search -> engines (search.nested,
 * search.mcmc, search.optimize; none uses another) -> graph -> ep}, with {@code output} on top,
 * implementing the storage interfaces that {@code search} and {@code ep} declare. A sub-package
 * takes its parent's place. The dependencies that break the layers today are listed in {@link
 * #FROZEN}: a new one fails this test, and so does one that is gone, so that the list only shrinks.
 */
class PackageDependenciesTest {
  private static final String ROOT = "org.graphfit.";

  /** The layers, lowest first; a package may depend on those before it. */
  private static final List<String> LAYERS =
      List.of(
          "log",
          "prior",
          "model",
          "analysis",
          "search",
          "search.nested",
          "search.mcmc",
          "search.optimize",
          "graph",
          "ep",
          "output");

  private static final Set<String> ENGINES =
      Set.of("search.nested", "search.mcmc", "search.optimize");

  /**
   * Today's dependencies against the layers: none. {@code search} and {@code ep} declare what they
   * store ({@code CheckpointStore}, {@code Storage}) and {@code output} implements it. Keep the
   * list, and empty: a dependency up the layers fails the first test.
   */
  private static final Set<String> FROZEN = Set.of();

  private static Map<String, Set<String>> dependencies;

  @BeforeAll
  static void readClasses() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("org.graphfit");
    dependencies = new TreeMap<>();
    for (JavaClass origin : classes) {
      String from = layerOf(origin.getPackageName());
      for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
        String target = dependency.getTargetClass().getPackageName();
        if (!target.startsWith(ROOT)) {
          continue;
        }
        String to = layerOf(target);
        if (!to.equals(from)) {
          dependencies
              .computeIfAbsent(from + " -> " + to, k -> new TreeSet<>())
              .add(origin.getSimpleName() + " -> " + dependency.getTargetClass().getSimpleName());
        }
      }
    }
  }

  /** The layer of a package: its own, or its nearest listed parent's. */
  private static String layerOf(String packageName) {
    String name = packageName.startsWith(ROOT) ? packageName.substring(ROOT.length()) : "";
    for (String candidate = name; !candidate.isEmpty(); ) {
      if (LAYERS.contains(candidate)) {
        return candidate;
      }
      int dot = candidate.lastIndexOf('.');
      candidate = dot < 0 ? "" : candidate.substring(0, dot);
    }
    throw new AssertionError(
        "package "
            + packageName
            + " has no place in the runtime's layers; add it to PackageDependenciesTest.LAYERS"
            + " and to the layer order of the README's architecture notes");
  }

  private static boolean againstTheLayers(String edge) {
    String[] ends = edge.split(" -> ");
    return LAYERS.indexOf(ends[0]) < LAYERS.indexOf(ends[1])
        || (ENGINES.contains(ends[0]) && ENGINES.contains(ends[1]));
  }

  @Test
  void noPackageDependsUpTheLayersBeyondTheFrozenList() {
    Map<String, Set<String>> added = new TreeMap<>();
    dependencies.forEach(
        (edge, classes) -> {
          if (againstTheLayers(edge) && !FROZEN.contains(edge)) {
            added.put(edge, classes);
          }
        });
    assertWithMessage(
            "dependencies against the layers %s (declare an interface in the lower package and"
                + " implement it in the higher one, as search.CheckpointStore and"
                + " output.FileCheckpointStore do)",
            LAYERS)
        .that(added)
        .isEmpty();
  }

  @Test
  void theFrozenListHoldsOnlyDependenciesThatStillExist() {
    for (String edge : FROZEN) {
      assertWithMessage(
              "%s is gone: remove it from PackageDependenciesTest.FROZEN so it cannot come back",
              edge)
          .that(dependencies)
          .containsKey(edge);
    }
  }

  @Test
  void theLayerRuleCatchesADependencyUpTheLayers() {
    assertWithMessage("model -> search").that(againstTheLayers("model -> search")).isTrue();
    assertWithMessage("search.mcmc -> search.nested")
        .that(againstTheLayers("search.mcmc -> search.nested"))
        .isTrue();
    assertWithMessage("ep -> search.optimize")
        .that(againstTheLayers("ep -> search.optimize"))
        .isFalse();
  }
}
