package org.graphfit.testing;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.graphfit.search.CheckpointStore;
import org.graphfit.search.ProblemSearch;
import org.graphfit.search.Samples;
import org.graphfit.search.SearchBuilder;
import org.graphfit.search.SearchOptions;
import org.graphfit.search.SearchProblem;
import org.graphfit.search.SearchRun;
import org.graphfit.search.TaskRunner;

/**
 * A small, exact-in-the-limit test search: draws points from the prior in batches and weights them
 * by their likelihood. It checkpoints after every batch (the number of batches done) so the resume
 * and output logic every search shares can be tested without the production samplers.
 */
public final class PriorImportanceSearch implements ProblemSearch {
  private final int batches;
  private final int batchSize;
  private final long seed;
  private final int stopAfterBatches;
  private final SearchOptions options;

  private PriorImportanceSearch(Builder builder) {
    this.batches = builder.batches;
    this.batchSize = builder.batchSize;
    this.seed = builder.seed;
    this.stopAfterBatches = builder.stopAfterBatches;
    this.options = builder.searchOptions();
  }

  /**
   * A builder.
   *
   * @param batches the number of batches
   * @param batchSize the points per batch
   * @param seed the seed
   * @return the builder
   */
  public static Builder builder(int batches, int batchSize, long seed) {
    return new Builder(SearchOptions.defaults(), batches, batchSize, seed);
  }

  /** A builder with this search's settings and options. */
  public Builder toBuilder() {
    Builder builder = new Builder(options, batches, batchSize, seed);
    builder.stopAfterBatches = stopAfterBatches;
    return builder;
  }

  @Override
  public PriorImportanceSearch withSeed(long newSeed) {
    Builder builder = new Builder(options, batches, batchSize, newSeed);
    return builder.build();
  }

  @Override
  public SearchOptions options() {
    return options;
  }

  @Override
  public String name() {
    return "PriorImportance";
  }

  @Override
  public Map<String, Object> settingsMap() {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("batches", batches);
    settings.put("batch_size", batchSize);
    settings.put("seed", seed);
    return settings;
  }

  @Override
  public SearchRun run(SearchProblem problem, TaskRunner runner, CheckpointStore checkpoints) {
    int dim = problem.dimension();
    int total = batches * batchSize;
    double[][] vectors = new double[total][dim];
    double[] logL = new double[total];
    double[] logPrior = new double[total];
    Optional<byte[]> saved = checkpoints.load();
    int done = saved.map(bytes -> ByteBuffer.wrap(bytes).getInt()).orElse(0);
    if (saved.isPresent()) {
      ByteBuffer buffer = ByteBuffer.wrap(saved.get());
      buffer.getInt();
      for (int i = 0; i < done * batchSize; i++) {
        for (int d = 0; d < dim; d++) {
          vectors[i][d] = buffer.getDouble();
        }
        logL[i] = buffer.getDouble();
        logPrior[i] = buffer.getDouble();
      }
    }
    for (int batch = done; batch < batches; batch++) {
      int first = batch * batchSize;
      UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {seed, batch});
      double[][] units = new double[batchSize][dim];
      for (double[] unit : units) {
        for (int d = 0; d < dim; d++) {
          unit[d] = rng.nextDouble();
        }
      }
      runner.runAll(
          batchSize,
          i -> {
            problem.vectorFromUnit(units[i], vectors[first + i]);
            logL[first + i] = problem.logLikelihood(vectors[first + i]);
            logPrior[first + i] = problem.logPrior(vectors[first + i]);
          });
      if (batch + 1 > stopAfterBatches) {
        throw new IllegalStateException("simulated kill");
      }
      ByteBuffer buffer = ByteBuffer.allocate(4 + (first + batchSize) * (dim + 2) * 8);
      buffer.putInt(batch + 1);
      for (int i = 0; i < first + batchSize; i++) {
        for (double value : vectors[i]) {
          buffer.putDouble(value);
        }
        buffer.putDouble(logL[i]).putDouble(logPrior[i]);
      }
      checkpoints.save(buffer.array());
    }
    double max = Double.NEGATIVE_INFINITY;
    for (double value : logL) {
      max = Math.max(max, value);
    }
    double[] weights = new double[total];
    double sum = 0;
    for (int i = 0; i < total; i++) {
      weights[i] = Math.exp(logL[i] - max);
      sum += weights[i];
    }
    double logZ = max + Math.log(sum / total);
    String[] names = new String[dim];
    for (int d = 0; d < dim; d++) {
      names[d] = problem.name(d);
    }
    Samples samples = Samples.of(List.of(names), vectors, logL, logPrior, weights);
    return new SearchRun(
        samples, logZ, Double.NaN, Map.of("effective_sample_size", samples.effectiveSampleSize()));
  }

  /** The settings and options of a {@link PriorImportanceSearch}. */
  public static final class Builder extends SearchBuilder<Builder> {
    private final int batches;
    private final int batchSize;
    private final long seed;
    private int stopAfterBatches = Integer.MAX_VALUE;

    private Builder(SearchOptions options, int batches, int batchSize, long seed) {
      super(options);
      this.batches = batches;
      this.batchSize = batchSize;
      this.seed = seed;
    }

    @Override
    protected Builder self() {
      return this;
    }

    /** Simulates a kill: throws once this many batches have been checkpointed. */
    public Builder stopAfter(int batchCount) {
      this.stopAfterBatches = batchCount;
      return this;
    }

    SearchOptions searchOptions() {
      return options();
    }

    /** The search. */
    public PriorImportanceSearch build() {
      return new PriorImportanceSearch(this);
    }
  }
}
