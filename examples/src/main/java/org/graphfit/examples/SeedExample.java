package org.graphfit.examples;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.graphfit.analysis.Dataset1D;
import org.graphfit.model.CollectionInstance;
import org.graphfit.model.ModelCollection;
import org.graphfit.model.ModelKey;
import org.graphfit.model.ModelLayout;

/**
 * The seed example: three low signal-to-noise datasets of one Gaussian each, modelled jointly with one
 * shared centre. Prints the model description, maps a parameter vector to three typed {@link Gaussian}
 * instances and evaluates the joint log-likelihood.
 */
public final class SeedExample {
  private SeedExample() {}

  /**
   * Runs the example.
   *
   * @param args ignored
   * @throws IOException if the example data cannot be read
   */
  public static void main(String[] args) throws IOException {
    List<Dataset1D> datasets = ExampleData.load("gaussian_x1__low_snr", 3);
    ModelCollection model = new ModelCollection();
    List<ModelKey<Gaussian>> keys = new ArrayList<>();
    List<GaussianAnalysis> analyses = new ArrayList<>();
    for (int i = 0; i < datasets.size(); i++) {
      keys.add(model.add("gaussian_" + i, GaussianModel.withDefaults()));
      analyses.add(new GaussianAnalysis(datasets.get(i)));
    }
    ModelLayout<CollectionInstance> layout = model.layout();
    System.out.println(layout.info());

    double[] vector = {50.0, 0.5, 5.0, 0.6, 4.0, 0.4, 6.0};
    CollectionInstance instance = layout.instanceFromVector(vector);
    double logLikelihood = 0;
    for (int i = 0; i < keys.size(); i++) {
      Gaussian gaussian = instance.get(keys.get(i));
      double term = analyses.get(i).logLikelihood(gaussian);
      logLikelihood += term;
      System.out.printf("%s = %s, log likelihood %.3f%n", keys.get(i), gaussian, term);
    }
    System.out.printf("joint log likelihood at %s: %.3f%n", layout.freeParameterPaths(), logLikelihood);
  }
}
