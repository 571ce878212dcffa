package org.graphfit.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.graphfit.ep.EpFactor;
import org.graphfit.ep.ExpectationPropagation;
import org.graphfit.ep.PortableFactor;
import org.graphfit.graph.AnalysisFactor;

/**
 * The rebuilt analysis factors of one partition, kept by Spark in the memory of the executor that
 * built them (a cached RDD block) until the fit ends. Not serializable: if Spark loses or evicts
 * the block it rebuilds it from the source, never ships built factors around.
 */
final class FactorShard {
  private final int[] ids;
  private final EpFactor[] factors;
  private final double buildSeconds;
  private final AtomicBoolean used = new AtomicBoolean();

  private FactorShard(int[] ids, EpFactor[] factors, double buildSeconds) {
    this.ids = ids;
    this.factors = factors;
    this.buildSeconds = buildSeconds;
  }

  /**
   * Rebuilds the factors of a partition, each checked against the driver's identity.
   *
   * @param source the recipe of each analysis factor
   * @param recipes the partition's factors, in id order
   * @return the shard
   * @throws IllegalStateException if a rebuilt factor differs from the driver's
   * @throws UncheckedIOException if the source cannot read a factor's data
   */
  static FactorShard build(FactorSource source, PortableFactor[] recipes) {
    long start = System.nanoTime();
    ExpectationPropagation settings = source.settings();
    int[] ids = new int[recipes.length];
    EpFactor[] factors = new EpFactor[recipes.length];
    for (int k = 0; k < recipes.length; k++) {
      PortableFactor recipe = recipes[k];
      AnalysisFactor<?> analysisFactor;
      try {
        analysisFactor = source.analysisFactor(recipe.index());
      } catch (IOException e) {
        throw new UncheckedIOException(
            "the factor source could not read analysis factor "
                + recipe.index()
                + " ('"
                + recipe.name()
                + "'): "
                + e.getMessage(),
            e);
      }
      if (analysisFactor == null) {
        throw new IllegalStateException(
            "the factor source returned null for analysis factor "
                + recipe.index()
                + " ('"
                + recipe.name()
                + "')");
      }
      ids[k] = recipe.factor();
      factors[k] = recipe.rebuild(analysisFactor, settings);
    }
    return new FactorShard(ids, factors, (System.nanoTime() - start) / 1e9);
  }

  /**
   * The factor with an id.
   *
   * @param id a factor id of this partition
   * @return the factor
   * @throws IllegalStateException if the id is not in this partition
   */
  EpFactor factor(int id) {
    int k = Arrays.binarySearch(ids, id);
    if (k < 0) {
      throw new IllegalStateException("factor " + id + " is not in this partition");
    }
    return factors[k];
  }

  /**
   * Whether this is the first use of the shard since it was built.
   *
   * @return true once
   */
  boolean firstUse() {
    return !used.getAndSet(true);
  }

  /**
   * The seconds spent building the shard.
   *
   * @return the seconds
   */
  double buildSeconds() {
    return buildSeconds;
  }
}
