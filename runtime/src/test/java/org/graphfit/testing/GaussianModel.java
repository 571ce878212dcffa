package org.graphfit.testing;

import java.util.Objects;
import org.graphfit.model.ComponentModel;
import org.graphfit.model.ModelVisitor;
import org.graphfit.model.Parameter;
import org.graphfit.model.ParameterMapping;
import org.graphfit.prior.Prior;

/**
 * Hand-written in the exact shape the processor generates for {@code @ModelComponent record
 * Gaussian( @Shared @Prior.Gaussian(mean = 50, sigma = 30) double centre, @Prior.LogUniform(lower =
 * 1e-6, upper = 1e6) double normalization, @Prior.Uniform(lower = 0, upper = 25) double sigma)}, so
 * the runtime can be tested without the processor.
 */
public final class GaussianModel extends ComponentModel<Gaussian> {
  private Parameter centre;
  private Parameter normalization;
  private Parameter sigma;

  private GaussianModel(Parameter centre, Parameter normalization, Parameter sigma) {
    this.centre = centre;
    this.normalization = normalization;
    this.sigma = sigma;
  }

  @Override
  public GaussianModel copy(ParameterMapping mapping) {
    GaussianModel copy =
        new GaussianModel(
            mapping.apply(centre), mapping.apply(normalization), mapping.apply(sigma));
    copy.copyConstraints(this, mapping);
    return copy;
  }

  public static GaussianModel withDefaults() {
    return new GaussianModel(
        Parameter.sharedByKey("org.graphfit.testing.Gaussian.centre", Prior.gaussian(50.0, 30.0)),
        Parameter.free(Prior.logUniform(1.0E-6, 1000000.0)),
        Parameter.free(Prior.uniform(0.0, 25.0)));
  }

  public static GaussianModel unset() {
    return new GaussianModel(Parameter.unset(), Parameter.unset(), Parameter.unset());
  }

  public Parameter centre() {
    return centre;
  }

  public GaussianModel centre(Prior prior) {
    this.centre = Parameter.free(prior);
    return this;
  }

  public GaussianModel centre(double value) {
    this.centre = Parameter.fixed(value);
    return this;
  }

  public GaussianModel centre(Parameter parameter) {
    this.centre = Objects.requireNonNull(parameter, "parameter");
    return this;
  }

  public Parameter normalization() {
    return normalization;
  }

  public GaussianModel normalization(Prior prior) {
    this.normalization = Parameter.free(prior);
    return this;
  }

  public GaussianModel normalization(double value) {
    this.normalization = Parameter.fixed(value);
    return this;
  }

  public GaussianModel normalization(Parameter parameter) {
    this.normalization = Objects.requireNonNull(parameter, "parameter");
    return this;
  }

  public Parameter sigma() {
    return sigma;
  }

  public GaussianModel sigma(Prior prior) {
    this.sigma = Parameter.free(prior);
    return this;
  }

  public GaussianModel sigma(double value) {
    this.sigma = Parameter.fixed(value);
    return this;
  }

  public GaussianModel sigma(Parameter parameter) {
    this.sigma = Objects.requireNonNull(parameter, "parameter");
    return this;
  }

  @Override
  public String typeName() {
    return "Gaussian";
  }

  @Override
  public void visitChildren(ModelVisitor visitor) {
    visitor.parameter("centre", centre);
    visitor.parameter("normalization", normalization);
    visitor.parameter("sigma", sigma);
  }

  @Override
  public int slotCount() {
    return 3;
  }

  @Override
  public Gaussian instanceFromSlots(double[] slots, int offset) {
    return new Gaussian(slots[offset], slots[offset + 1], slots[offset + 2]);
  }

  @Override
  public void slotsFromInstance(Gaussian instance, double[] slots, int offset) {
    slots[offset] = instance.centre();
    slots[offset + 1] = instance.normalization();
    slots[offset + 2] = instance.sigma();
  }
}
