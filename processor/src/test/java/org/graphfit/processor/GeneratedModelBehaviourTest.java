package org.graphfit.processor;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.CompilationSubject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;
import javax.tools.JavaFileObject;
import org.graphfit.model.Model;
import org.graphfit.model.ModelCollection;
import org.graphfit.model.ModelLayout;
import org.graphfit.model.Parameter;
import org.graphfit.model.ParameterArray;
import org.graphfit.model.ParameterMapping;
import org.graphfit.prior.Prior;
import org.junit.jupiter.api.Test;

/** Compiles components with the processor, then loads and calls the generated models. */
final class GeneratedModelBehaviourTest {
  private static final JavaFileObject GAUSSIAN =
      Compilations.source(
          "org.example.Gaussian",
          "package org.example;",
          "",
          "import org.graphfit.annotations.ModelComponent;",
          "import org.graphfit.annotations.Prior;",
          "import org.graphfit.annotations.Shared;",
          "",
          "@ModelComponent",
          "public record Gaussian(",
          "    @Shared @Prior.Gaussian(mean = 50, sigma = 30) double centre,",
          "    @Prior.LogUniform(lower = 1e-6, upper = 1e6) double normalization,",
          "    @Prior.Uniform(lower = 0, upper = 25) double sigma) {}");

  private static final JavaFileObject LINE =
      Compilations.source(
          "org.example.Line",
          "package org.example;",
          "",
          "import org.graphfit.annotations.ModelComponent;",
          "import org.graphfit.annotations.Prior;",
          "",
          "@ModelComponent(name = \"StraightLine\")",
          "record Line(",
          "    @Prior.Uniform(lower = -1, upper = 1) double slope,",
          "    @Prior.Uniform(lower = -5, upper = 5) double intercept) {}");

  private static final JavaFileObject PROFILE =
      Compilations.source(
          "org.example.shapes.Profile",
          "package org.example.shapes;",
          "",
          "import org.graphfit.annotations.Fixed;",
          "import org.graphfit.annotations.ModelComponent;",
          "import org.graphfit.annotations.Prior;",
          "import org.example.Gaussian;",
          "",
          "@ModelComponent",
          "public record Profile(",
          "    @Prior.Uniform(lower = 0, upper = 1) double background,",
          "    Gaussian peak,",
          "    @Fixed(2.5) double width,",
          "    Gaussian tail,",
          "    @Prior.Uniform(lower = 0, upper = 9) double scale) {}");

  private static final JavaFileObject EXPONENTIAL =
      Compilations.source(
          "org.example.Exponential",
          "package org.example;",
          "",
          "import org.graphfit.annotations.Fixed;",
          "import org.graphfit.annotations.ModelComponent;",
          "import org.graphfit.annotations.Prior;",
          "",
          "@ModelComponent",
          "public final class Exponential {",
          "  @Prior.LogUniform(lower = 0.1, upper = 10) final double rate;",
          "  private final double amplitude;",
          "  private final double shift;",
          "",
          "  public Exponential(",
          "      double rate, @Prior.Uniform(lower = 0, upper = 5) double amplitude,",
          "      @Fixed(1.25) double shift) {",
          "    this.rate = rate;",
          "    this.amplitude = amplitude;",
          "    this.shift = shift;",
          "  }",
          "",
          "  private Exponential() {",
          "    this(1, 1, 1);",
          "  }",
          "",
          "  public double getAmplitude() {",
          "    return amplitude;",
          "  }",
          "",
          "  double shift() {",
          "    return shift;",
          "  }",
          "",
          "  @Override",
          "  public String toString() {",
          "    return \"Exponential(\" + rate + \", \" + amplitude + \", \" + shift + \")\";",
          "  }",
          "}");

  @Test
  void withDefaultsMakesOneFreeParameterPerAnnotatedPrior() {
    Model<?> model = load(GAUSSIAN).model("org.example.GaussianModel", "withDefaults");

    assertThat(model.priorCount()).isEqualTo(3);
    assertThat(model.typeName()).isEqualTo("Gaussian");
    assertThat(model.layout().prior(0)).isEqualTo(Prior.gaussian(50, 30));
    assertThat(model.layout().prior(1)).isEqualTo(Prior.logUniform(1e-6, 1e6));
    assertThat(model.layout().prior(2)).isEqualTo(Prior.uniform(0, 25));
  }

  @Test
  void instanceFromVectorCallsTheRecordConstructorInParameterOrder() {
    Model<?> model = load(GAUSSIAN).model("org.example.GaussianModel", "withDefaults");

    Object instance = model.instanceFromVector(new double[] {1, 2, 3});

    assertThat(instance.toString()).isEqualTo("Gaussian[centre=1.0, normalization=2.0, sigma=3.0]");
  }

  @Test
  void vectorFromInstanceInvertsInstanceFromVector() {
    Model<?> model = load(GAUSSIAN).model("org.example.GaussianModel", "withDefaults");

    assertThat(roundTrip(model, new double[] {49.5, 1e-3, 7.25}))
        .usingExactEquality()
        .containsExactly(49.5, 1e-3, 7.25)
        .inOrder();
  }

  @Test
  void nestedComponentsTakeContiguousSlotsAtTheRightOffsets() {
    Model<?> model =
        load(GAUSSIAN, PROFILE).model("org.example.shapes.ProfileModel", "withDefaults");

    assertThat(model.slotCount()).isEqualTo(9);
    // background, the shared centre once, peak's normalization and sigma, tail's, then scale.
    assertThat(model.priorCount()).isEqualTo(7);
    Object instance = model.instanceFromVector(new double[] {1, 2, 3, 4, 5, 6, 7});
    assertThat(instance.toString())
        .isEqualTo(
            "Profile[background=1.0, peak=Gaussian[centre=2.0, normalization=3.0, sigma=4.0],"
                + " width=2.5, tail=Gaussian[centre=2.0, normalization=5.0, sigma=6.0],"
                + " scale=7.0]");
    assertThat(roundTrip(model, new double[] {1, 2, 3, 4, 5, 6, 7}))
        .usingExactEquality()
        .containsExactly(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0)
        .inOrder();
  }

  @Test
  void aComponentNestingAnotherTwiceIsADiamondNotACycle() {
    JavaFileObject source =
        Compilations.source(
            "org.example.Top",
            "package org.example;",
            "",
            "import org.graphfit.annotations.ModelComponent;",
            "import org.graphfit.annotations.Prior;",
            "",
            "@ModelComponent",
            "record Top(",
            "    Side left,",
            "    @Prior.Uniform(lower = 0, upper = 1) double gap,",
            "    Side right) {}",
            "",
            "@ModelComponent",
            "record Side(@Prior.Uniform(lower = 0, upper = 10) double height, Base base) {}",
            "",
            "@ModelComponent",
            "record Base(@Prior.Uniform(lower = -1, upper = 1) double level) {}");
    Model<?> model = load(source).model("org.example.TopModel", "withDefaults");

    assertThat(model.slotCount()).isEqualTo(5);
    assertThat(model.priorCount()).isEqualTo(5);
    assertThat(model.instanceFromVector(new double[] {1, 2, 3, 4, 5}).toString())
        .isEqualTo(
            "Top[left=Side[height=1.0, base=Base[level=2.0]], gap=3.0,"
                + " right=Side[height=4.0, base=Base[level=5.0]]]");
    assertThat(roundTrip(model, new double[] {1, 2, 3, 4, 5}))
        .usingExactEquality()
        .containsExactly(1.0, 2.0, 3.0, 4.0, 5.0)
        .inOrder();
  }

  @Test
  void nestedModelsCanBeReplaced() throws ReflectiveOperationException {
    GeneratedClassLoader loader = load(LINE, lineOwner());
    Model<?> model = loader.model("org.example.OwnerModel", "withDefaults");
    Model<?> unsetLine = loader.model("org.example.LineModel", "unset");

    Object line = model.getClass().getMethod("line").invoke(model);
    model.getClass().getMethod("line", line.getClass()).invoke(model, unsetLine);

    assertThat(line.getClass().getSimpleName()).isEqualTo("LineModel");
    IllegalStateException error = assertThrows(IllegalStateException.class, model::layout);
    assertThat(error).hasMessageThat().contains("[line.slope, line.intercept]");
    assertThat(unsetLine.typeName()).isEqualTo("StraightLine");
  }

  @Test
  void classComponentsAreReadThroughFieldsAndGetters() {
    Model<?> model = load(EXPONENTIAL).model("org.example.ExponentialModel", "withDefaults");

    assertThat(model.priorCount()).isEqualTo(2);
    assertThat(model.instanceFromVector(new double[] {2, 3}).toString())
        .isEqualTo("Exponential(2.0, 3.0, 1.25)");
    assertThat(roundTrip(model, new double[] {0.5, 4.5}))
        .usingExactEquality()
        .containsExactly(0.5, 4.5)
        .inOrder();
  }

  @Test
  void fixedParametersAreNotFree() {
    Model<?> model = load(EXPONENTIAL).model("org.example.ExponentialModel", "withDefaults");

    ModelLayout<?> layout = model.layout();

    assertThat(layout.freeParameterPaths()).containsExactly("rate", "amplitude").inOrder();
    assertThat(model.info()).contains("Fixed, value = 1.25");
  }

  @Test
  void unsetModelRefusesALayoutAndNamesTheParameters() {
    Model<?> model = load(GAUSSIAN).model("org.example.GaussianModel", "unset");

    IllegalStateException error = assertThrows(IllegalStateException.class, model::layout);

    assertThat(error).hasMessageThat().contains("[centre, normalization, sigma]");
  }

  @Test
  void sharedParameterIsOneFreeParameterAcrossModelsUntilOverridden()
      throws ReflectiveOperationException {
    GeneratedClassLoader loader = load(GAUSSIAN);
    Model<?> first = loader.model("org.example.GaussianModel", "withDefaults");
    Model<?> second = loader.model("org.example.GaussianModel", "withDefaults");
    ModelCollection collection = new ModelCollection();
    collection.add("gaussian_0", first);
    collection.add("gaussian_1", second);

    assertThat(collection.priorCount()).isEqualTo(5);

    second.getClass().getMethod("centre", Prior.class).invoke(second, Prior.uniform(0, 100));

    assertThat(collection.priorCount()).isEqualTo(6);
  }

  @Test
  void sharedParameterWithoutPriorIsSharedButUnsetUntilGivenOne()
      throws ReflectiveOperationException {
    JavaFileObject source =
        Compilations.source(
            "org.example.Offset",
            "package org.example;",
            "",
            "import org.graphfit.annotations.ModelComponent;",
            "import org.graphfit.annotations.Shared;",
            "",
            "@ModelComponent",
            "record Offset(@Shared double level) {}");
    Model<?> model = load(source).model("org.example.OffsetModel", "withDefaults");
    Parameter level = (Parameter) model.getClass().getMethod("level").invoke(model);

    assertThat(level.sharedKey()).hasValue("org.example.Offset.level");
    assertThrows(IllegalStateException.class, model::layout);

    model.getClass().getMethod("level", double.class).invoke(model, 4.0);

    assertThat(model.priorCount()).isEqualTo(0);
    assertThat(model.instanceFromVector(new double[0]).toString()).isEqualTo("Offset[level=4.0]");
  }

  @Test
  void setterNullChecksTheParameter() throws ReflectiveOperationException {
    Model<?> model = load(GAUSSIAN).model("org.example.GaussianModel", "withDefaults");
    Method share = model.getClass().getMethod("centre", Parameter.class);

    InvocationTargetException error =
        assertThrows(InvocationTargetException.class, () -> share.invoke(model, (Object) null));

    assertThat(error).hasCauseThat().isInstanceOf(NullPointerException.class);
  }

  @Test
  void defaultsRoundTripExactlyIncludingInfiniteTruncationBounds() {
    JavaFileObject source =
        Compilations.source(
            "org.example.Exact",
            "package org.example;",
            "",
            "import org.graphfit.annotations.ModelComponent;",
            "import org.graphfit.annotations.Prior;",
            "",
            "@ModelComponent",
            "record Exact(",
            "    @Prior.TruncatedGaussian(mean = 0.1, sigma = 0.3) double a,",
            "    @Prior.TruncatedGaussian(mean = -0.7, sigma = 1e-9, upper = 0) double b,",
            "    @Prior.LogGaussian(mean = -1.0E-300, sigma = 4.9E-324) double c) {}");

    ModelLayout<?> layout = load(source).model("org.example.ExactModel", "withDefaults").layout();

    assertThat(layout.prior(0))
        .isEqualTo(
            Prior.truncatedGaussian(0.1, 0.3, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
    assertThat(layout.prior(1))
        .isEqualTo(Prior.truncatedGaussian(-0.7, 1e-9, Double.NEGATIVE_INFINITY, 0));
    assertThat(layout.prior(2)).isEqualTo(Prior.logGaussian(-1.0E-300, 4.9E-324));
  }

  private static final JavaFileObject BACKGROUND =
      Compilations.source(
          "org.example.Background",
          "package org.example;",
          "",
          "import java.util.List;",
          "import org.graphfit.annotations.ModelComponent;",
          "import org.graphfit.annotations.Prior;",
          "import org.graphfit.annotations.Shared;",
          "import org.graphfit.annotations.Size;",
          "",
          "@ModelComponent",
          "public record Background(",
          "    @Size(3) @Prior.Gaussian(mean = 0, sigma = 10) double[] coefficients,",
          "    @Size(2) List<Gaussian> peaks,",
          "    @Shared @Size(1) @Prior.Uniform(lower = 0, upper = 1) double[] offsets) {}");

  @Test
  void arrayAndListParametersTakeOneSlotPerElementInOrder() throws ReflectiveOperationException {
    Model<?> model =
        load(GAUSSIAN, BACKGROUND).model("org.example.BackgroundModel", "withDefaults");

    assertThat(model.slotCount()).isEqualTo(3 + 2 * 3 + 1);
    // the two peaks share their centre by key, as @Shared does for single components
    assertThat(model.layout().freeParameterPaths())
        .containsExactly(
            "coefficients.0",
            "coefficients.1",
            "coefficients.2",
            "peaks.0.centre",
            "peaks.0.normalization",
            "peaks.0.sigma",
            "peaks.1.normalization",
            "peaks.1.sigma",
            "offsets.0")
        .inOrder();
    assertThat(model.layout().prior(1)).isEqualTo(Prior.gaussian(0, 10));
    double[] vector = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    Object instance = model.instanceFromVector(vector);
    Object coefficients = instance.getClass().getMethod("coefficients").invoke(instance);
    assertThat((double[]) coefficients).usingExactEquality().containsExactly(1.0, 2.0, 3.0);
    assertThat(instance.getClass().getMethod("peaks").invoke(instance).toString())
        .isEqualTo(
            "[Gaussian[centre=4.0, normalization=5.0, sigma=6.0],"
                + " Gaussian[centre=4.0, normalization=7.0, sigma=8.0]]");
    assertThat(roundTrip(model, vector)).usingExactEquality().containsExactly(vector).inOrder();
    assertThat(model.info()).contains("    coefficients                        Array (N=3)");
    Model<?> copy =
        (Model<?>)
            model
                .getClass()
                .getMethod("copy", ParameterMapping.class)
                .invoke(model, ParameterMapping.ofPriors(p -> Optional.of(Prior.uniform(0, 1))));
    assertThat(copy.getClass()).isEqualTo(model.getClass());
    assertThat(copy.layout().freeParameterPaths()).isEqualTo(model.layout().freeParameterPaths());
    assertThat(copy.layout().prior(7)).isEqualTo(Prior.uniform(0, 1));
  }

  @Test
  void arrayElementsAreSetFixedOrSharedOneByOneAndTheLengthIsChosenOnTheModel()
      throws ReflectiveOperationException {
    GeneratedClassLoader loader = load(GAUSSIAN, BACKGROUND);
    Model<?> first = loader.model("org.example.BackgroundModel", "withDefaults");
    Model<?> second = loader.model("org.example.BackgroundModel", "withDefaults");
    first.getClass().getMethod("coefficients", int.class).invoke(first, 5);
    first.getClass().getMethod("peaks", int.class).invoke(first, 0);
    ParameterArray coefficients =
        (ParameterArray) first.getClass().getMethod("coefficients").invoke(first);
    coefficients.fix(0, 0.25).set(4, Prior.uniform(-1, 1));
    ParameterArray others =
        (ParameterArray) second.getClass().getMethod("coefficients").invoke(second);
    others.set(1, coefficients.get(1));
    second.getClass().getMethod("peaks", int.class).invoke(second, 0);
    ModelCollection collection = new ModelCollection();
    collection.add("first", first);
    collection.add("second", second);

    ModelLayout<?> layout = collection.layout();

    assertThat(layout.fixedValues()).containsExactly("first.coefficients.0", 0.25);
    assertThat(layout.prior(3)).isEqualTo(Prior.uniform(-1, 1));
    // first: coefficients 1-4 and offsets.0 (shared by key); second: coefficients 0 and 2
    assertThat(layout.priorCount()).isEqualTo(7);
    assertThat(layout.slotPathsOf(0))
        .containsExactly("first.coefficients.1", "second.coefficients.1");
    assertThat(layout.slotPathsOf(4)).containsExactly("first.offsets.0", "second.offsets.0");
    IllegalArgumentException negative =
        assertThrows(IllegalArgumentException.class, () -> coefficients.resize(-1));
    assertThat(negative).hasMessageThat().contains("size must be >= 0");
  }

  @Test
  void halfPriorAnnotationsBuildTheRuntimePriors() {
    JavaFileObject source =
        Compilations.source(
            "org.example.Scatter",
            "package org.example;",
            "",
            "import org.graphfit.annotations.ModelComponent;",
            "import org.graphfit.annotations.Prior;",
            "",
            "@ModelComponent",
            "record Scatter(",
            "    @Prior.HalfNormal(sigma = 2.5) double a,",
            "    @Prior.HalfCauchy(scale = 0.5) double b) {}");
    Model<?> model = load(source).model("org.example.ScatterModel", "withDefaults");

    assertThat(model.layout().prior(0)).isEqualTo(Prior.halfNormal(2.5));
    assertThat(model.layout().prior(1)).isEqualTo(Prior.halfCauchy(0.5));
  }

  private static JavaFileObject lineOwner() {
    return Compilations.source(
        "org.example.Owner",
        "package org.example;",
        "",
        "import org.graphfit.annotations.ModelComponent;",
        "",
        "@ModelComponent",
        "record Owner(Line line) {}");
  }

  private static GeneratedClassLoader load(JavaFileObject... sources) {
    Compilation compilation = Compilations.compile(sources);
    CompilationSubject.assertThat(compilation).succeededWithoutWarnings();
    return new GeneratedClassLoader(compilation);
  }

  private static <T> double[] roundTrip(Model<T> model, double[] vector) {
    return model.vectorFromInstance(model.instanceFromVector(vector));
  }
}
