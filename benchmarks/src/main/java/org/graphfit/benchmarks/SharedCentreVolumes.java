package org.graphfit.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.graphfit.analysis.Dataset1D;
import org.graphfit.examples.ExampleData;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What a perfect nested sampler sees on the joint fit of {@code N} low-SNR datasets sharing a
 * centre ({@link JointScalingBenchmark}'s problem): the exact prior volume {@code X(t)} above each
 * likelihood level {@code L_0 + t}, where {@code L_0} is the likelihood of data without any
 * profile, and the share of that volume whose centre lies in the data, {@code [0, 100]}, or within
 * 5 of the true centre 50. Given the centre the datasets are independent, so {@code P(L > L_0 + t |
 * c)} is the distribution of a sum of independent gains {@code g_i = ln L_i - ln L_{0,i} = b_i A_i
 * - a_i A_i^2 / 2} (profile {@code A g(x)}, see {@link SharedCentreReference}): each gain's
 * distribution over the prior of {@code (ln A_i, sigma_i)} is tabulated in bins of 0.25 (gains
 * below -40 dropped, they never return above {@code t = -40} given the other datasets' gains of at
 * most 15 each) and the sum's by convolution; the centre runs over a grid of step 0.5 in {@code
 * [-30, 130]} and 2 outside.
 *
 * <p>A sampler whose new live points come from moves started at live points can follow a region
 * only while it holds live points: the expected number of them is {@code nLive} times the share,
 * printed for 500 live points.
 */
@Command(
    name = "shared-centre-volumes",
    mixinStandardHelpOptions = true,
    description = "Exact constrained-prior volumes of the joint fits of N low-SNR datasets.")
public final class SharedCentreVolumes implements Callable<Integer> {
  private static final double BIN = 0.25;
  private static final double LOWEST_GAIN = -40;
  private static final double HIGHEST_GAIN_PER_DATASET = 15;
  private static final int LOG_A_POINTS = 2000;
  private static final double SMALLEST_SIGMA = 0.005;

  @Option(
      names = "--datasets",
      split = ",",
      defaultValue = "10,20,30,50",
      description = "Numbers of datasets sharing the centre (default: ${DEFAULT-VALUE}).")
  private List<Integer> datasets;

  @Option(
      names = "--nlive",
      defaultValue = "500",
      description = "Live points for the expected counts (default: ${DEFAULT-VALUE}).")
  private int nLive;

  @Option(names = "--json", description = "Print one JSON object per row instead of the table.")
  private boolean json;

  /**
   * Runs the command.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new SharedCentreVolumes()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    PrintStream out = System.out;
    int most = datasets.stream().mapToInt(Integer::intValue).max().orElse(0);
    List<Dataset1D> data = ExampleData.load("gaussian_x1__low_snr", most);
    if (!json) {
      out.printf(
          Locale.ROOT,
          "%4s %7s %9s %11s %11s %11s%n",
          "N",
          "t",
          "lnX",
          "in[0,100]",
          "in[45,55]",
          "liveInData");
    }
    for (int count : datasets) {
      print(out, count, volumes(data.subList(0, count)));
    }
    return 0;
  }

  private void print(PrintStream out, int count, double[][] rows) throws JsonProcessingException {
    double minimum = Double.POSITIVE_INFINITY;
    for (double[] row : rows) {
      if (row[0] <= 0) {
        minimum = Math.min(minimum, row[2]);
      }
      if (Math.round(row[0] * 4) % 8 != 0 || Double.isNaN(row[1])) {
        continue;
      }
      if (json) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("datasets", count);
        map.put("t", row[0]);
        map.put("lnX", row[1]);
        map.put("shareInData", row[2]);
        map.put("shareNearTruth", row[3]);
        out.println(new JsonMapper().writeValueAsString(map));
      } else {
        out.printf(
            Locale.ROOT,
            "%4d %7.1f %9.3f %11.3e %11.3e %11.3g%n",
            count,
            row[0],
            row[1],
            row[2],
            row[3],
            nLive * row[2]);
      }
    }
    if (!json) {
      out.printf(
          Locale.ROOT,
          "N = %d: smallest share with the centre in the data below L_0: %.2e (%.3g of %d live"
              + " points)%n",
          count,
          minimum,
          nLive * minimum,
          nLive);
    }
    out.flush();
  }

  /** Rows {@code (t, ln X(t), share in [0, 100], share in [45, 55])} for t from -40 to 40. */
  private static double[][] volumes(List<Dataset1D> data) {
    List<Double> centres = new ArrayList<>();
    for (double c = -250; c <= 350 + 1e-9; c += c > -30 && c < 130 ? 0.5 : 2) {
      centres.add(c);
    }
    double[][] sigma = sigmaRule();
    int levels = 321;
    double[][] logSurvival = new double[centres.size()][];
    for (int k = 0; k < centres.size(); k++) {
      logSurvival[k] = logSurvival(data, centres.get(k), sigma, levels);
    }
    double[][] rows = new double[levels][4];
    for (int j = 0; j < levels; j++) {
      double t = LOWEST_GAIN + BIN * j;
      double max = Double.NEGATIVE_INFINITY;
      double[] logWeights = new double[centres.size()];
      for (int k = 0; k < centres.size(); k++) {
        double c = centres.get(k);
        double z = (c - 50) / 30;
        double step = c > -30 && c < 130 ? 0.5 : 2;
        logWeights[k] =
            -0.5 * z * z
                - Math.log(30 * Math.sqrt(2 * Math.PI))
                + Math.log(step)
                + logSurvival[k][j];
        max = Math.max(max, logWeights[k]);
      }
      double total = 0;
      double inData = 0;
      double nearTruth = 0;
      for (int k = 0; k < centres.size(); k++) {
        double w = Math.exp(logWeights[k] - max);
        double c = centres.get(k);
        total += w;
        inData += c > 0 && c < 100 ? w : 0;
        nearTruth += Math.abs(c - 50) < 5 ? w : 0;
      }
      rows[j] = new double[] {t, max + Math.log(total), inData / total, nearTruth / total};
    }
    return rows;
  }

  /**
   * {@code ln P(sum_i g_i > t | c)} at {@code t = -40, -39.75, ...}: per-dataset gain histograms
   * over the prior, convolved.
   */
  private static double[] logSurvival(
      List<Dataset1D> data, double centre, double[][] sigma, int levels) {
    double[] partial = null;
    int offset = 0;
    int lowestBin = (int) Math.floor(LOWEST_GAIN / BIN);
    for (int i = 0; i < data.size(); i++) {
      double[] histogram = gainHistogram(data.get(i), centre, sigma, lowestBin);
      if (partial == null) {
        partial = histogram;
        offset = lowestBin;
        continue;
      }
      double[] next = new double[partial.length + histogram.length - 1];
      for (int p = 0; p < partial.length; p++) {
        double v = partial[p];
        if (v != 0) {
          for (int q = 0; q < histogram.length; q++) {
            next[p + q] += v * histogram[q];
          }
        }
      }
      int nextOffset = offset + lowestBin;
      int remaining = data.size() - 1 - i;
      int floor =
          (int) Math.floor((LOWEST_GAIN - HIGHEST_GAIN_PER_DATASET * remaining) / BIN) - nextOffset;
      int start = Math.max(0, floor);
      partial = Arrays.copyOfRange(next, start, next.length);
      offset = nextOffset + start;
    }
    double[] survival = new double[partial.length + 1];
    for (int k = partial.length - 1; k >= 0; k--) {
      survival[k] = survival[k + 1] + partial[k];
    }
    double[] result = new double[levels];
    for (int j = 0; j < levels; j++) {
      int bin = (int) Math.floor((LOWEST_GAIN + BIN * j) / BIN) - offset;
      double v = bin < 0 ? survival[0] : bin >= partial.length ? 0 : survival[bin];
      result[j] = Math.log(v);
    }
    return result;
  }

  /**
   * The prior mass of one dataset's gain in each bin from {@code lowestBin} up, at a centre; sigmas
   * below {@link #SMALLEST_SIGMA} count as gain 0.
   */
  private static double[] gainHistogram(
      Dataset1D dataset, double centre, double[][] sigma, int lowestBin) {
    double[] histogram = new double[200];
    int highest = 0;
    double logLo = Math.log(1e-6);
    double step = Math.log(1e12) / LOG_A_POINTS;
    for (int j = 0; j < sigma[0].length; j++) {
      double s = sigma[0][j];
      double a = 0;
      double b = 0;
      for (int x = 0; x < dataset.size(); x++) {
        double z = (x - centre) / s;
        double g = Math.exp(-0.5 * z * z) / (s * Math.sqrt(2 * Math.PI));
        double inverseVariance = 1 / (dataset.noise(x) * dataset.noise(x));
        a += inverseVariance * g * g;
        b += inverseVariance * dataset.data(x) * g;
      }
      for (int k = 0; k < LOG_A_POINTS; k++) {
        double amplitude = Math.exp(logLo + (k + 0.5) * step);
        double gain = b * amplitude - 0.5 * a * amplitude * amplitude;
        if (gain < LOWEST_GAIN) {
          continue;
        }
        int bin = (int) Math.floor(gain / BIN) - lowestBin;
        if (bin >= histogram.length) {
          histogram = Arrays.copyOf(histogram, bin + 50);
        }
        histogram[bin] += sigma[1][j] / LOG_A_POINTS;
        highest = Math.max(highest, bin);
      }
    }
    histogram[-lowestBin] += SMALLEST_SIGMA / 25;
    return Arrays.copyOf(histogram, Math.max(highest, -lowestBin) + 1);
  }

  /**
   * Sigma nodes and prior weights: 16 Gauss-Legendre nodes in ln sigma on [0.005, 1], 16 each on
   * [1, 5], [5, 10], [10, 25].
   */
  private static double[][] sigmaRule() {
    GaussIntegrator rule = new GaussIntegratorFactory().legendre(16, -1, 1);
    double[][] nodes = new double[2][64];
    double lo = Math.log(SMALLEST_SIGMA);
    for (int j = 0; j < 16; j++) {
      double u = lo + -lo * (rule.getPoint(j) + 1) / 2;
      nodes[0][j] = Math.exp(u);
      nodes[1][j] = rule.getWeight(j) * -lo / 2 * nodes[0][j] / 25;
    }
    double[][] pieces = {{1, 5}, {5, 10}, {10, 25}};
    for (int p = 0; p < 3; p++) {
      for (int j = 0; j < 16; j++) {
        double a = pieces[p][0];
        double b = pieces[p][1];
        nodes[0][16 * (p + 1) + j] = a + (b - a) * (rule.getPoint(j) + 1) / 2;
        nodes[1][16 * (p + 1) + j] = rule.getWeight(j) * (b - a) / 2 / 25;
      }
    }
    return nodes;
  }
}
