package org.graphfit.spark;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.graphfit.analysis.Analysis;
import org.graphfit.analysis.DataIdentity;
import org.graphfit.ep.EpResult;
import org.graphfit.ep.ExpectationPropagation;
import org.graphfit.ep.FactorExecutor;
import org.graphfit.ep.FactorResult;
import org.graphfit.ep.FactorTask;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.prior.Prior;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Expectation propagation on a standalone Spark cluster whose master, two workers, their executors
 * and the driver (this JVM) are separate processes on 127.0.0.1. Slow (executors take seconds to
 * start), so it runs in profile {@code cluster} only: {@code mvn -Pcluster -pl spark -am verify
 * -Dtest=SparkClusterTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkClusterTest {
  private static final int DATASETS = 40;

  @TempDir static Path directory;
  private static LocalCluster cluster;
  private static JavaSparkContext spark;
  private static boolean kryo;

  @BeforeAll
  static void startCluster() throws IOException {
    cluster = LocalCluster.start(directory.resolve("cluster"), 2, 1, "1g");
  }

  @AfterAll
  static void stopCluster() {
    if (spark != null) {
      spark.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  /** The application's context, with Spark's default serializer or with Kryo. */
  private static JavaSparkContext spark(boolean withKryo) {
    if (spark != null && kryo != withKryo) {
      spark.close();
      spark = null;
    }
    if (spark == null) {
      SparkConf conf = cluster.conf("graphfit-cluster-test", "1g");
      if (withKryo) {
        conf.set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
            .set("spark.kryo.registrationRequired", "true");
      }
      kryo = withKryo;
      spark = new JavaSparkContext(conf);
      cluster.awaitExecutors(spark);
    }
    return spark;
  }

  private static EpResult fit(
      JavaSparkContext context,
      FactorSource source,
      double[] y,
      AtomicReference<SparkFactorExecutor> made) {
    return Toys.ep()
        .fit(
            Toys.graph(y),
            factors -> {
              made.set(SparkFactorExecutor.builder(context, source).partitions(4).build(factors));
              return made.get();
            });
  }

  private static void assertSameFit(EpResult actual, EpResult expected) {
    assertThat(actual.converged()).isTrue();
    assertThat(actual.summaries()).isEqualTo(expected.summaries());
    assertThat(actual.logEvidence()).isEqualTo(expected.logEvidence());
    assertThat(SparkFactorExecutorTest.history(actual))
        .isEqualTo(SparkFactorExecutorTest.history(expected));
  }

  @Test
  @Order(1)
  void aFitOnTheClusterEqualsTheLocalFitAndEachPartitionIsBuiltOnce() throws IOException {
    double[] y = Toys.observations(DATASETS, 3);
    Path data = directory.resolve("identical.txt");
    Toys.write(data, y);
    AtomicReference<SparkFactorExecutor> executor = new AtomicReference<>();

    EpResult distributed = fit(spark(false), new Toys.FileSource(data.toString()), y, executor);

    assertSameFit(distributed, Toys.ep().fit(Toys.graph(y)));
    List<SparkJob> jobs = executor.get().jobs();
    assertThat(jobs).hasSize(distributed.sweepCount());
    assertThat(jobs.get(0).shardsBuilt()).isEqualTo(4);
    assertThat(jobs.get(0).executors().stream().distinct().count()).isEqualTo(2);
    for (SparkJob job : jobs.subList(1, jobs.size())) {
      assertThat(job.shardsBuilt()).isEqualTo(0);
      assertThat(job.executors()).isEqualTo(jobs.get(0).executors());
    }
    assertThat(spark.sc().getPersistentRDDs().isEmpty()).isTrue();
  }

  @Test
  @Order(2)
  void aSecondFitOfTheSameSourceWithOtherDataGetsItsOwnAnswer() throws IOException {
    double[] first = Toys.observations(DATASETS, 3);
    double[] second = Toys.observations(DATASETS, 5);
    Path data = directory.resolve("rewritten.txt");
    FactorSource source = new Toys.FileSource(data.toString());
    AtomicReference<SparkFactorExecutor> executor = new AtomicReference<>();

    Toys.write(data, first);
    EpResult before = fit(spark(false), source, first, executor);
    Toys.write(data, second);
    EpResult after = fit(spark(false), source, second, executor);

    assertSameFit(before, Toys.ep().fit(Toys.graph(first)));
    assertSameFit(after, Toys.ep().fit(Toys.graph(second)));
    assertThat(after.summaries()).isNotEqualTo(before.summaries());
  }

  /**
   * An observation whose likelihood pauses, once across all executors, when the gate folder holds
   * {@code armed}: the pausing executor writes its process id to {@code paused} and sleeps until it
   * is killed. Its data identity is the observation's.
   */
  record GatedObservation(double y, String gate) implements Analysis<Double> {
    @Override
    public double logLikelihood(Double x) {
      pauseOnce(Path.of(gate));
      return new Toys.Observation(y).logLikelihood(x);
    }

    @Override
    public Optional<DataIdentity> dataIdentity() {
      return new Toys.Observation(y).dataIdentity();
    }

    private static void pauseOnce(Path folder) {
      if (!Files.exists(folder.resolve("armed"))) {
        return;
      }
      try {
        Files.createFile(folder.resolve("claimed"));
        Path pid = folder.resolve("paused.tmp");
        Files.writeString(pid, String.valueOf(ProcessHandle.current().pid()));
        Files.move(pid, folder.resolve("paused"));
        Thread.sleep(120_000);
      } catch (java.nio.file.FileAlreadyExistsException taken) {
        // another task paused already; this one runs on
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Rebuilds dataset {@code i} from line {@code i} of a file, with a gated likelihood. */
  record GatedFileSource(String file, String gate) implements FactorSource {
    @Override
    public AnalysisFactor<Double> analysisFactor(int index) throws IOException {
      double y = Double.parseDouble(Files.readAllLines(Path.of(file)).get(index));
      return Toys.dataset(index, new GatedObservation(y, gate), Prior.uniform(-50, 50));
    }
  }

  /** Runs an action when sweep {@code sweep} starts, then the sweep. */
  record AtSweep(FactorExecutor delegate, int sweep, Runnable action) implements FactorExecutor {
    @Override
    public List<FactorResult> execute(List<FactorTask> tasks) {
      List<FactorResult> results = new ArrayList<>(tasks.size());
      execute(tasks, results::add);
      return results;
    }

    @Override
    public void execute(List<FactorTask> tasks, Consumer<FactorResult> inOrder) {
      if (!tasks.isEmpty() && tasks.get(0).sweep() == sweep) {
        action.run();
      }
      delegate.execute(tasks, inOrder);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  private static void arm(Path gate) {
    try {
      Files.writeString(gate.resolve("armed"), "");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @Order(3)
  void aKilledExecutorMidFitLeavesTheFitUnchanged() throws Exception {
    double[] y = Toys.observations(DATASETS, 4);
    Path data = directory.resolve("killed.txt");
    Path gate = Files.createDirectories(directory.resolve("gate"));
    Toys.write(data, y);
    JavaSparkContext context = spark(false);
    List<Long> executorsBefore = cluster.executors().stream().map(ProcessHandle::pid).toList();
    CompletableFuture<Long> killed =
        CompletableFuture.supplyAsync(
            () -> {
              Path paused = gate.resolve("paused");
              try {
                while (!Files.exists(paused)) {
                  Thread.sleep(50);
                }
                long pid = Long.parseLong(Files.readString(paused).trim());
                ProcessHandle.of(pid).orElseThrow().destroyForcibly();
                return pid;
              } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    AtomicReference<SparkFactorExecutor> executor = new AtomicReference<>();

    EpResult distributed =
        Toys.ep()
            .fit(
                Toys.graph(y, value -> new GatedObservation(value, gate.toString())),
                factors -> {
                  executor.set(
                      SparkFactorExecutor.builder(
                              context, new GatedFileSource(data.toString(), gate.toString()))
                          .partitions(4)
                          .build(factors));
                  return new AtSweep(executor.get(), 3, () -> arm(gate));
                });

    assertThat(executorsBefore).contains(killed.get());
    assertSameFit(distributed, Toys.ep().fit(Toys.graph(y)));
    List<SparkJob> jobs = executor.get().jobs();
    assertThat(jobs.get(1).shardsBuilt()).isEqualTo(0);
    assertThat(jobs.get(2).shardsBuilt() + jobs.get(3).shardsBuilt()).isAtLeast(1);
  }

  @Test
  @Order(4)
  void aFitWhoseDriverStoppedResumesFromItsOutputFolderUnchanged() throws IOException {
    double[] y = Toys.observations(DATASETS, 6);
    Path data = directory.resolve("resumed.txt");
    Toys.write(data, y);
    FactorSource source = new Toys.FileSource(data.toString());
    ExpectationPropagation withOutput =
        ExpectationPropagation.builder()
            .seed(5)
            .maxSweeps(40)
            .output(directory.resolve("output"), "resumed")
            .build();
    JavaSparkContext context = spark(false);

    IllegalStateException stopped =
        assertThrows(
            IllegalStateException.class,
            () ->
                withOutput.fit(
                    Toys.graph(y),
                    factors ->
                        new AtSweep(
                            SparkFactorExecutor.builder(context, source)
                                .partitions(4)
                                .build(factors),
                            3,
                            () -> {
                              throw new IllegalStateException("the driver stops");
                            })));
    AtomicReference<SparkFactorExecutor> second = new AtomicReference<>();
    EpResult resumed =
        withOutput.fit(
            Toys.graph(y),
            factors -> {
              second.set(SparkFactorExecutor.builder(context, source).partitions(4).build(factors));
              return second.get();
            });

    assertThat(stopped).hasMessageThat().isEqualTo("the driver stops");
    assertThat(second.get().jobs().get(0).sweep()).isEqualTo(3);
    assertSameFit(resumed, Toys.ep().fit(Toys.graph(y)));
    assertThat(context.sc().getPersistentRDDs().isEmpty()).isTrue();
  }

  @Test
  @Order(5)
  void aFitThroughKryoEqualsTheLocalFit() throws IOException {
    double[] y = Toys.observations(DATASETS, -2);
    Path data = directory.resolve("kryo.txt");
    Toys.write(data, y);
    AtomicReference<SparkFactorExecutor> executor = new AtomicReference<>();

    EpResult distributed = fit(spark(true), new Toys.FileSource(data.toString()), y, executor);

    assertSameFit(distributed, Toys.ep().fit(Toys.graph(y)));
  }
}
