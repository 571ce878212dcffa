package org.graphfit.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.graphfit.analysis.Dataset1D;
import org.graphfit.ep.EpResult;
import org.graphfit.ep.EpSweep;
import org.graphfit.ep.EpUpdate;
import org.graphfit.ep.ExpectationPropagation;
import org.graphfit.ep.GaussianMessage;
import org.graphfit.examples.ExampleData;
import org.graphfit.examples.Gaussian;
import org.graphfit.examples.GaussianModel;
import org.graphfit.examples.ProfileAnalysis;
import org.graphfit.graph.AnalysisFactor;
import org.graphfit.graph.FactorGraph;
import org.graphfit.graph.HierarchicalFactor;
import org.graphfit.output.AtomicFiles;
import org.graphfit.output.SamplesCsv;
import org.graphfit.output.WriteListener;
import org.graphfit.prior.Prior;
import org.graphfit.search.ProblemSearch;
import org.graphfit.search.Result;
import org.graphfit.search.nested.NestedSampling;

/**
 * The fits {@link FaultInjectionBenchmark} attacks, each with an output folder under a root, and
 * the entry point of the child JVMs it kills. A fit is summarised by a fingerprint: the SHA-256 of
 * its samples, evidence and likelihood calls (searches), or of its approximation, history without
 * wall times, sweeps and evidence (EP), so two runs are identical exactly when their fingerprints
 * are.
 *
 * <p>Child command line: {@code <kind> <data> <root> <mode> [<lock wait seconds>]} with mode {@code
 * run}, {@code record} (print every write) or {@code pause:<file name>:<stage>:<occurrence>} (print
 * {@code PAUSED} and wait to be killed when that write reaches that stage). The child prints {@code
 * STARTED}, then {@code RESULT <fingerprint>} or {@code ERROR <message>}.
 */
final class FaultTarget {
  /** What is fitted. */
  enum Kind {
    /** One dataset, nested sampling. */
    NESTED,
    /** Three datasets sharing one centre, jointly by nested sampling. */
    GRAPH,
    /** Three datasets drawn from a parent Gaussian, by EP with nested-sampling factor fits. */
    EP
  }

  /** Which datasets. */
  enum Data {
    /** The low-SNR datasets. */
    MAIN,
    /** The hierarchical datasets: other data for the same model and settings. */
    OTHER
  }

  private FaultTarget() {}

  private static List<Dataset1D> datasets(Data data, int count) throws IOException {
    return ExampleData.load(
        data == Data.MAIN ? "gaussian_x1__low_snr" : "gaussian_x1__hierarchical", count);
  }

  private static NestedSampling nested(int nLive, long seed) {
    return NestedSampling.builder()
        .nLive(nLive)
        .seed(seed)
        .checkpointInterval(40)
        .threads(1)
        .build();
  }

  /**
   * Fits one kind of fit of one data into a root.
   *
   * @param kind the fit
   * @param data the datasets
   * @param root the output root
   * @param lockWait how long to wait for another writer of the folder
   * @return the fingerprint of the result
   * @throws IOException if the datasets cannot be read
   */
  static String fit(Kind kind, Data data, Path root, Duration lockWait) throws IOException {
    switch (kind) {
      case NESTED -> {
        ProblemSearch search =
            nested(75, 1).toBuilder().lockWait(lockWait).output(root, "nested").build();
        return fingerprint(
            search.fit(
                GaussianModel.withDefaults(),
                new ProfileAnalysis<Gaussian>(datasets(data, 1).get(0))));
      }
      case GRAPH -> {
        FactorGraph graph = new FactorGraph();
        for (Dataset1D dataset : datasets(data, 3)) {
          graph.add(
              AnalysisFactor.of(
                  GaussianModel.withDefaults(), new ProfileAnalysis<Gaussian>(dataset)));
        }
        ProblemSearch search =
            nested(50, 2).toBuilder().lockWait(lockWait).output(root, "graph").build();
        return fingerprint(graph.fit(search).global());
      }
      case EP -> {
        FactorGraph graph = new FactorGraph();
        HierarchicalFactor centres =
            HierarchicalFactor.gaussian(Prior.uniform(0, 100), Prior.uniform(0.5, 50));
        for (Dataset1D dataset : datasets(data, 3)) {
          GaussianModel model = GaussianModel.withDefaults().centre(Prior.uniform(0, 100));
          graph.add(AnalysisFactor.of(model, new ProfileAnalysis<Gaussian>(dataset)));
          centres.draw(model.centre());
        }
        graph.add(centres);
        ExpectationPropagation ep =
            ExpectationPropagation.builder()
                .seed(3)
                .maxSweeps(4)
                .tolerance(1e-12)
                .sampler(nested(50, 0))
                .lockWait(lockWait)
                .output(root, "ep")
                .build();
        return fingerprint(ep.fit(graph));
      }
      default -> throw new IllegalArgumentException(kind.toString());
    }
  }

  private static String fingerprint(Result<?> result) {
    return sha256(
        SamplesCsv.format(result.samples())
            + "|"
            + result.logEvidence()
            + "|"
            + result.logEvidenceError()
            + "|"
            + result.likelihoodCalls());
  }

  private static String fingerprint(EpResult result) {
    StringBuilder text = new StringBuilder();
    for (GaussianMessage message : result.approximation()) {
      text.append(message.precision()).append(',').append(message.shift()).append('\n');
    }
    for (EpUpdate update : result.history()) {
      text.append(update.sweep())
          .append(update.factor())
          .append(update.status())
          .append(update.kl())
          .append(update.logEvidenceTerm())
          .append(update.message())
          .append('\n');
    }
    for (EpSweep sweep : result.sweeps()) {
      text.append(sweep.sweep()).append(sweep.kl()).append(sweep.failing()).append('\n');
    }
    text.append(result.logEvidence()).append(result.converged());
    return sha256(text.toString());
  }

  private static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The child JVM: runs one fit, optionally pausing at a write.
   *
   * @param args kind, data, root, mode and optionally the lock wait in seconds
   */
  public static void main(String[] args) {
    PrintStream out = System.out;
    Kind kind = Kind.valueOf(args[0].toUpperCase(Locale.ROOT));
    Data data = Data.valueOf(args[1].toUpperCase(Locale.ROOT));
    Path root = Path.of(args[2]);
    String mode = args[3];
    Duration wait = Duration.ofSeconds(args.length > 4 ? Long.parseLong(args[4]) : 0);
    if (mode.equals("record")) {
      AtomicFiles.setListener(
          (file, stage) -> {
            synchronized (out) {
              out.println("WRITE " + file.getFileName() + " " + stage);
            }
          });
    } else if (mode.startsWith("pause:")) {
      String[] parts = mode.split(":");
      String name = parts[1];
      WriteListener.Stage stage = WriteListener.Stage.valueOf(parts[2]);
      int occurrence = Integer.parseInt(parts[3]);
      AtomicInteger seen = new AtomicInteger();
      AtomicFiles.setListener(
          (file, at) -> {
            if (at == stage
                && file.getFileName().toString().equals(name)
                && seen.incrementAndGet() == occurrence) {
              out.println("PAUSED");
              out.flush();
              while (true) {
                try {
                  Thread.sleep(60_000);
                } catch (InterruptedException e) {
                  // wait to be killed
                }
              }
            }
          });
    }
    out.println("STARTED");
    out.flush();
    long start = System.nanoTime();
    try {
      String fingerprint = fit(kind, data, root, wait);
      out.printf(Locale.ROOT, "SECONDS %.3f%n", (System.nanoTime() - start) * 1e-9);
      out.println("RESULT " + fingerprint);
    } catch (IOException | RuntimeException e) {
      out.println("ERROR " + String.valueOf(e.getMessage()).replace('\n', ' '));
    }
    out.flush();
    System.exit(0);
  }

  /** Unchecked access to {@link #fit} for callers that treat every failure alike. */
  static String fitUnchecked(Kind kind, Data data, Path root, Duration lockWait) {
    try {
      return fit(kind, data, root, lockWait);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
