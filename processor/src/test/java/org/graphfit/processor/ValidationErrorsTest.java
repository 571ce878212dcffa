package org.graphfit.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Each rule's diagnostic, pinned to its id and to the line the compiler points at. */
final class ValidationErrorsTest {
  private static final String IMPORTS = "import org.graphfit.annotations.*;";

  /**
   * Compiles a source and asserts that it reports a diagnostic on the line containing a text.
   *
   * @return the compilation, for further assertions
   */
  private static Compilation reports(JavaFileObject source, String id, String line) {
    Compilation compilation = Compilations.compile(source);
    assertThat(compilation).hadErrorContaining(id).inFile(source).onLineContaining(line);
    return compilation;
  }

  @Test
  void priorOnANestedComponentParameterIsReported() {
    JavaFileObject source =
        source(
            "Holder",
            "@ModelComponent",
            "record Holder(",
            "    @Prior.Uniform(lower = 0, upper = 1) Inner inner) {}",
            "@ModelComponent",
            "record Inner(@Prior.Uniform(lower = 0, upper = 1) double x) {}");

    assertThat(reports(source, "[GraphFitAnnotationOnComponent]", "Inner inner")).hadErrorCount(1);
  }

  @Test
  void reversedBoundsAreReportedOnce() {
    JavaFileObject source =
        source(
            "Bounds",
            "@ModelComponent",
            "record Bounds(",
            "    @Prior.Uniform(lower = 5, upper = 1) double sigma) {}");

    assertThat(reports(source, "[GraphFitPriorBounds]", "lower = 5")).hadErrorCount(1);
  }

  @Test
  void equalTruncationBoundsAreReported() {
    JavaFileObject source =
        source(
            "Narrow",
            "@ModelComponent",
            "record Narrow(",
            "    @Prior.TruncatedGaussian(mean = 1, sigma = 1, lower = 1, upper = 1) double x) {}");

    reports(source, "[GraphFitPriorBounds]", "TruncatedGaussian");
  }

  @Test
  void nonPositiveSigmaIsReported() {
    JavaFileObject source =
        source(
            "Flat",
            "@ModelComponent",
            "record Flat(",
            "    @Prior.LogGaussian(mean = 0, sigma = -1) double x) {}");

    reports(source, "[GraphFitPriorSigma]", "sigma = -1");
  }

  @Test
  void logUniformLowerBoundAtZeroIsReported() {
    JavaFileObject source =
        source(
            "Scale",
            "@ModelComponent",
            "record Scale(",
            "    @Prior.LogUniform(lower = 0, upper = 10) double normalization) {}");

    assertThat(reports(source, "[GraphFitLogUniformLower]", "LogUniform")).hadErrorCount(1);
  }

  @Test
  void truncatedMeanOutsideTheBoundsIsReported() {
    JavaFileObject source =
        source(
            "Truncated",
            "@ModelComponent",
            "record Truncated(",
            "    @Prior.TruncatedGaussian(mean = 20, sigma = 1, lower = 0, upper = 10) double x)"
                + " {}");

    reports(source, "[GraphFitTruncatedMean]", "mean = 20");
  }

  @Test
  void infiniteOrNaNArgumentsAreReported() {
    JavaFileObject source =
        source(
            "Infinite",
            "@ModelComponent",
            "record Infinite(",
            "    @Prior.Gaussian(mean = Double.POSITIVE_INFINITY, sigma = 1) double x,",
            "    @Fixed(Double.NaN) double y) {}");

    Compilation compilation = Compilations.compile(source);

    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining("[GraphFitPriorNotFinite]")
        .inFile(source)
        .onLineContaining("POSITIVE_INFINITY");
    assertThat(compilation)
        .hadErrorContaining("[GraphFitPriorNotFinite] @Fixed on 'y'")
        .inFile(source)
        .onLineContaining("Double.NaN");
  }

  @Test
  void aPriorAndAFixedValueOnOneParameterAreReported() {
    JavaFileObject source =
        source(
            "Twice",
            "@ModelComponent",
            "record Twice(",
            "    @Prior.Uniform(lower = 0, upper = 1)",
            "    @Fixed(0.5) double x) {}");

    reports(source, "[GraphFitMultiplePriors]", "@Fixed(0.5)");
  }

  @Test
  void classWithTwoConstructorsIsReported() {
    JavaFileObject source =
        source(
            "Two",
            "@ModelComponent",
            "final class Two {",
            "  final double x;",
            "  Two(double x) { this.x = x; }",
            "  Two() { this(0); }",
            "}");

    reports(
        source,
        "[GraphFitNoConstructor] class Two has 2 non-private constructors",
        "@ModelComponent");
  }

  @Test
  void privateComponentsAndInnerClassesAreReported() {
    JavaFileObject source =
        source(
            "Outer",
            "class Outer {",
            "  @ModelComponent",
            "  private record Hidden(double x) {}",
            "  private static class Wrapper {",
            "    @ModelComponent",
            "    record Wrapped(double x) {}",
            "  }",
            "  @ModelComponent",
            "  final class Inner {",
            "    final double x;",
            "    Inner(double x) { this.x = x; }",
            "  }",
            "}");

    Compilation compilation = Compilations.compile(source);

    assertThat(compilation).hadErrorCount(3);
    assertThat(compilation)
        .hadErrorContaining("[GraphFitPrivateComponent] component Hidden is private")
        .inFile(source)
        .onLine(5);
    assertThat(compilation)
        .hadErrorContaining("inside the private type Wrapper")
        .inFile(source)
        .onLine(8);
    assertThat(compilation)
        .hadErrorContaining("[GraphFitPrivateComponent] component Inner is an inner (non-static)")
        .inFile(source)
        .onLine(11);
  }

  @Test
  void genericComponentIsReported() {
    JavaFileObject source = source("Box", "@ModelComponent", "record Box<T>(double x) {}");

    reports(source, "[GraphFitGenericComponent]", "@ModelComponent");
  }

  @Test
  void annotationsOutsideComponentParametersAreReported() {
    JavaFileObject plain =
        source(
            "Plain",
            "class Plain {",
            "  @Shared double centre;",
            "  void set(@Prior.Uniform(lower = 0, upper = 1) double value) {}",
            "}");
    JavaFileObject component =
        source(
            "Stray",
            "@ModelComponent",
            "final class Stray {",
            "  final double x;",
            "  @Fixed(1) double notAParameter;",
            "  Stray(double x) { this.x = x; }",
            "}");

    Compilation compilation = Compilations.compile(plain, component);

    assertThat(compilation).hadErrorCount(3);
    assertThat(compilation)
        .hadErrorContaining("[GraphFitMisplacedParameterAnnotation] @Shared is on field 'centre'")
        .inFile(plain)
        .onLineContaining("@Shared double centre");
    assertThat(compilation)
        .hadErrorContaining("@Prior.Uniform is on parameter 'value'")
        .inFile(plain)
        .onLineContaining("void set");
    assertThat(compilation)
        .hadErrorContaining(
            "[GraphFitMisplacedParameterAnnotation] @Fixed is on field 'notAParameter'")
        .inFile(component)
        .onLineContaining("notAParameter");
  }

  @Test
  void annotatedRecordComponentOfAPlainRecordIsReportedOnce() {
    JavaFileObject source = source("Loose", "record Loose(", "    @Shared double centre) {}");

    assertThat(reports(source, "[GraphFitMisplacedParameterAnnotation]", "@Shared double centre"))
        .hadErrorCount(1);
  }

  @Test
  void parameterOfUnsupportedTypeIsReported() {
    JavaFileObject source =
        source(
            "Labelled",
            "@ModelComponent",
            "record Labelled(",
            "    double x,",
            "    String label) {}");

    reports(
        source, "[GraphFitUnsupportedParameterType] parameter 'label' has type", "String label");
  }

  @Test
  void aNumberOfTheWrongTypeWithAPriorIsOneErrorAdvisingDouble() {
    JavaFileObject source =
        source(
            "Counted",
            "@ModelComponent",
            "record Counted(",
            "    double x,",
            "    @Prior.Uniform(lower = 0, upper = 10) int count) {}");

    Compilation compilation = Compilations.compile(source);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[GraphFitUnsupportedParameterType] parameter 'count' has type int, but a component"
                + " parameter must be a double, a double[], a @ModelComponent type or a List of"
                + " one; declare it double")
        .inFile(source)
        .onLineContaining("int count");
  }

  @Test
  void aClassOfTheUsersOwnIsAdvisedToBecomeAComponent() {
    JavaFileObject source =
        source(
            "Wrapped",
            "@ModelComponent",
            "record Wrapped(double x, Plain plain) {}",
            "record Plain(double y) {}");

    Compilation compilation = Compilations.compile(source);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "annotate org.example.Plain with @ModelComponent to make it a nested model")
        .inFile(source)
        .onLineContaining("Plain plain");
  }

  @Test
  void classParameterWithoutFieldOrAccessorIsReported() {
    JavaFileObject source =
        source(
            "Opaque",
            "@ModelComponent",
            "final class Opaque {",
            "  private final double hidden;",
            "  Opaque(",
            "      double rate) {",
            "    this.hidden = rate;",
            "  }",
            "}");

    reports(source, "[GraphFitUnreadableParameter] parameter 'rate'", "double rate");
  }

  @Test
  void interfacesAbstractClassesAndEnumsAreReported() {
    JavaFileObject source =
        source(
            "Shapes",
            "@ModelComponent interface Shapes {}",
            "@ModelComponent abstract class Shape {",
            "  Shape(double x) {}",
            "}",
            "@ModelComponent enum Kind { A }");

    Compilation compilation = Compilations.compile(source);

    assertThat(compilation).hadErrorCount(3);
    assertThat(compilation)
        .hadErrorContaining("[GraphFitAbstractComponent] @ModelComponent is on interface Shapes")
        .inFile(source)
        .onLineContaining("interface Shapes");
    assertThat(compilation)
        .hadErrorContaining("on abstract class Shape")
        .inFile(source)
        .onLineContaining("abstract class Shape");
    assertThat(compilation)
        .hadErrorContaining("on enum Kind")
        .inFile(source)
        .onLineContaining("enum Kind");
  }

  @Test
  void sharedTogetherWithFixedIsReported() {
    JavaFileObject source =
        source(
            "Pinned",
            "@ModelComponent",
            "record Pinned(",
            "    @Shared",
            "    @Fixed(3) double x) {}");

    assertThat(reports(source, "[GraphFitSharedFixed]", "@Shared")).hadErrorCount(1);
  }

  @Test
  void parameterNamedLikeAModelMethodIsReported() {
    JavaFileObject source =
        source("Clash", "@ModelComponent", "record Clash(", "    double info) {}");

    reports(source, "[GraphFitReservedParameterName] parameter 'info'", "double info");
  }

  @Test
  void twoComponentsWhoseModelsWouldShareANameAreReported() {
    JavaFileObject source =
        source(
            "Twins",
            "final class Twins {",
            "  static final class Left {",
            "    @ModelComponent record Part(double x) {}",
            "  }",
            "  static final class Right {",
            "    @ModelComponent record Part(double y) {}",
            "  }",
            "}");

    reports(
        source,
        "[GraphFitWriteFailed] could not write the generated model",
        "record Part(double y)");
  }

  @Test
  void everyProblemOfOneComponentIsReported() {
    JavaFileObject source =
        source(
            "Broken",
            "@ModelComponent",
            "record Broken<T>(",
            "    @Prior.Uniform(lower = 2, upper = 1) double a,",
            "    @Prior.Gaussian(mean = 0, sigma = 0) double b,",
            "    @Shared @Fixed(1) double c,",
            "    Object d) {}");

    Compilation compilation = Compilations.compile(source);

    assertThat(compilation).hadErrorCount(5);
    assertThat(compilation).hadErrorContaining("[GraphFitGenericComponent]");
    assertThat(compilation).hadErrorContaining("[GraphFitPriorBounds]").inFile(source).onLine(6);
    assertThat(compilation).hadErrorContaining("[GraphFitPriorSigma]").inFile(source).onLine(7);
    assertThat(compilation).hadErrorContaining("[GraphFitSharedFixed]").inFile(source).onLine(8);
    assertThat(compilation)
        .hadErrorContaining("[GraphFitUnsupportedParameterType]")
        .inFile(source)
        .onLine(9);
  }

  @Test
  void aBrokenComponentDoesNotStopAGoodOne() {
    JavaFileObject broken =
        source(
            "Broken",
            "@ModelComponent",
            "record Broken(@Prior.Uniform(lower = 2, upper = 1) double a) {}");
    JavaFileObject good =
        source(
            "Good",
            "@ModelComponent",
            "record Good(@Prior.Uniform(lower = 1, upper = 2) double a) {}");

    JavaFileObject user =
        source(
            "User",
            "final class User {",
            "  static final GoodModel MODEL = GoodModel.withDefaults();",
            "}");

    Compilation compilation = Compilations.compile(broken, good, user);

    // GoodModel was generated, or User would not compile: the only error is the broken prior.
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[GraphFitPriorBounds]").inFile(broken);
  }

  @Test
  void aComponentNestingABrokenOneWaitsWithoutErrorsOfItsOwn() {
    JavaFileObject source =
        source(
            "Outer",
            "@ModelComponent",
            "record Outer(Middle middle) {}",
            "@ModelComponent",
            "record Middle(Inner inner) {}",
            "@ModelComponent",
            "record Inner(@Prior.Gaussian(mean = 0, sigma = 0) double x) {}");

    Compilation compilation = Compilations.compile(source);

    // Only the broken prior: no "cannot find symbol InnerModel" from models that were not written.
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[GraphFitPriorSigma]")
        .inFile(source)
        .onLineContaining("sigma = 0");
  }

  @Test
  void aComponentNestingItselfIsReportedOnTheNestedParameter() {
    JavaFileObject source =
        source(
            "Chain",
            "@ModelComponent",
            "record Chain(",
            "    @Prior.Uniform(lower = 0, upper = 1) double x,",
            "    Chain inner) {}");

    Compilation compilation = Compilations.compile(source);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[GraphFitRecursiveComponent] parameter 'inner' of Chain makes the component contain"
                + " itself (Chain.inner -> Chain)")
        .inFile(source)
        .onLineContaining("Chain inner");
  }

  @Test
  void aCycleOfTwoComponentsIsReportedOnEachClosingParameter() {
    JavaFileObject forth =
        source("Forth", "@ModelComponent", "record Forth(", "    double x,", "    Back back) {}");
    JavaFileObject back =
        source(
            "Back",
            "@ModelComponent",
            "final class Back {",
            "  final double y;",
            "  final Forth forth;",
            "  Back(",
            "      double y,",
            "      Forth forth) {",
            "    this.y = y;",
            "    this.forth = forth;",
            "  }",
            "}");
    JavaFileObject others =
        source(
            "Outer",
            "@ModelComponent",
            "record Outer(Forth forth) {}",
            "@ModelComponent",
            "record Side(double z) {}",
            "final class User {",
            "  static final SideModel MODEL = SideModel.withDefaults();",
            "}");

    Compilation compilation = Compilations.compile(forth, back, others);

    // Outer, which nests the cycle, waits without errors; Side, outside it, gets its model.
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(
            "[GraphFitRecursiveComponent] parameter 'back' of Forth makes the component contain"
                + " itself (Forth.back -> Back.forth -> Forth)")
        .inFile(forth)
        .onLineContaining("Back back");
    assertThat(compilation)
        .hadErrorContaining(
            "[GraphFitRecursiveComponent] parameter 'forth' of Back makes the component contain"
                + " itself (Back.forth -> Forth.back -> Back)")
        .inFile(back)
        .onLineContaining("Forth forth)");
  }

  /** A source in package {@code org.example}: line 1 package, line 2 imports, line 3 blank. */
  @Test
  void sizeOnAScalarIsReportedOnItsAnnotation() {
    JavaFileObject source =
        source("Scalar", "@ModelComponent", "record Scalar(", "    @Size(3) double x) {}");

    assertThat(
            reports(
                source,
                "[GraphFitSizeTarget] @Size is on parameter 'x' of type double",
                "@Size(3)"))
        .hadErrorCount(1);
  }

  @Test
  void aNegativeSizeIsReported() {
    JavaFileObject source =
        source(
            "Negative",
            "@ModelComponent",
            "record Negative(",
            "    @Size(-2) @Prior.Uniform(lower = 0, upper = 1) double[] xs) {}");

    assertThat(reports(source, "[GraphFitNegativeSize] @Size on 'xs' is -2", "@Size(-2)"))
        .hadErrorCount(1);
  }

  @Test
  void aListOfNumbersIsReportedAdvisingDoubleArray() {
    JavaFileObject source =
        source(
            "Numbers",
            "@ModelComponent",
            "record Numbers(",
            "    java.util.List<Double> values) {}");

    Compilation compilation = Compilations.compile(source);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[GraphFitListElement] parameter 'values' is a List of java.lang.Double")
        .inFile(source)
        .onLineContaining("List<Double> values");
    assertThat(compilation).hadErrorContaining("declare a list of numbers as double[]");
  }

  @Test
  void aListOfAPlainClassOfOurOwnAdvisesAnnotatingIt() {
    JavaFileObject source =
        source(
            "Owner",
            "@ModelComponent",
            "record Owner(",
            "    java.util.List<Plain> parts) {}",
            "record Plain(double x) {}");

    reports(source, "annotate org.example.Plain with @ModelComponent", "List<Plain> parts");
  }

  @Test
  void anArrayOfAnotherTypeIsReportedAdvisingDoubleArray() {
    JavaFileObject source =
        source("Ints", "@ModelComponent", "record Ints(", "    @Size(2) int[] counts) {}");

    Compilation compilation = Compilations.compile(source);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[GraphFitUnsupportedParameterType] parameter 'counts' has type int[]")
        .inFile(source)
        .onLineContaining("int[] counts");
    assertThat(compilation).hadErrorContaining("declare it double[]");
  }

  @Test
  void aPriorOnAListOfComponentsIsReported() {
    JavaFileObject source =
        source(
            "Peaks",
            "@ModelComponent",
            "record Peaks(",
            "    @Size(2) @Prior.Uniform(lower = 0, upper = 1) java.util.List<Peak> peaks) {}",
            "@ModelComponent",
            "record Peak(@Prior.Uniform(lower = 0, upper = 1) double x) {}");

    assertThat(reports(source, "[GraphFitAnnotationOnComponent]", "List<Peak> peaks"))
        .hadErrorCount(1);
  }

  @Test
  void aComponentListingItselfIsRecursive() {
    JavaFileObject source =
        source(
            "Tree",
            "@ModelComponent",
            "record Tree(",
            "    @Prior.Uniform(lower = 0, upper = 1) double x,",
            "    java.util.List<Tree> children) {}");

    reports(
        source, "[GraphFitRecursiveComponent] parameter 'children' of Tree", "List<Tree> children");
  }

  @Test
  void sizeOutsideAComponentIsMisplaced() {
    JavaFileObject source =
        source("Loose", "class Loose {", "  void f(@Size(2) double[] xs) {}", "}");

    reports(source, "[GraphFitMisplacedParameterAnnotation] @Size", "@Size(2)");
  }

  @Test
  void nonPositiveHalfPriorWidthsAreReported() {
    JavaFileObject source =
        source(
            "Scatter",
            "@ModelComponent",
            "record Scatter(",
            "    @Prior.HalfNormal(sigma = 0) double a,",
            "    @Prior.HalfCauchy(scale = -1) double b) {}");

    Compilation compilation = Compilations.compile(source);

    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining("[GraphFitPriorSigma] @Prior.HalfNormal on 'a' has sigma = 0.0")
        .inFile(source)
        .onLineContaining("sigma = 0");
    assertThat(compilation)
        .hadErrorContaining("[GraphFitPriorScale] @Prior.HalfCauchy on 'b' has scale = -1.0")
        .inFile(source)
        .onLineContaining("scale = -1");
  }

  private static JavaFileObject source(String simpleName, String... body) {
    String[] lines = new String[body.length + 3];
    lines[0] = "package org.example;";
    lines[1] = IMPORTS;
    lines[2] = "";
    System.arraycopy(body, 0, lines, 3, body.length);
    return Compilations.source("org.example." + simpleName, lines);
  }
}
