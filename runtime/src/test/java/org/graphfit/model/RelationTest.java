package org.graphfit.model;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.graphfit.prior.Prior;
import org.graphfit.testing.Gaussian;
import org.graphfit.testing.GaussianModel;
import org.junit.jupiter.api.Test;

class RelationTest {

  private static ModelCollection linearWidths(Parameter m, Parameter c, double... xs) {
    ModelCollection collection = new ModelCollection();
    for (int i = 0; i < xs.length; i++) {
      collection.add(
          "dataset_" + i,
          GaussianModel.unset()
              .centre(Prior.uniform(0, 100))
              .normalization(1.0)
              .sigma(m.times(xs[i]).plus(c)));
    }
    return collection;
  }

  @Test
  void onlyLeavesAreFreeAndTheRelationIsEvaluatedWhenTheInstanceIsBuilt() {
    Parameter m = Parameter.free("m", Prior.uniform(0, 2));
    Parameter c = Parameter.free("c", Prior.uniform(0, 10));
    ModelCollection collection = linearWidths(m, c, 1.0, 3.0);

    ModelLayout<CollectionInstance> layout = collection.layout();

    assertThat(layout.freeParameterPaths())
        .containsExactly(
            "dataset_0.centre", "dataset_0.sigma.m", "dataset_0.sigma.c", "dataset_1.centre")
        .inOrder();
    CollectionInstance instance = layout.instanceFromVector(new double[] {40, 0.5, 2, 60});
    assertThat(instance.get("dataset_0")).isEqualTo(new Gaussian(40, 1, 0.5 * 1 + 2));
    assertThat(instance.get("dataset_1")).isEqualTo(new Gaussian(60, 1, 0.5 * 3 + 2));
    assertThat(layout.derivedPaths()).containsExactly("dataset_0.sigma", "dataset_1.sigma");
    assertThat(layout.derivedValues(new double[] {40, 0.5, 2, 60}))
        .usingExactEquality()
        .containsExactly(2.5, 3.5)
        .inOrder();
    // m and c link both datasets: the slot paths of a leaf are the relations that read it
    assertThat(layout.slotPathsOf(1)).containsExactly("dataset_0.sigma.m", "dataset_1.sigma.m");
    assertThat(layout.fixedValues()).doesNotContainKey("dataset_0.sigma");
  }

  @Test
  void infoShowsTheExpressionAndTheLeavesWhereTheyFirstAppear() {
    Parameter m = Parameter.free("m", Prior.uniform(0, 2));
    Parameter c = Parameter.free("c", Prior.uniform(0, 10));
    String info = linearWidths(m, c, 1.0, 3.0).info();

    assertThat(info).contains("Total Free Parameters = 4");
    assertThat(info)
        .containsMatch(
            "dataset_0\\.sigma +Relation = dataset_0\\.sigma\\.m \\* 1\\.0 \\+"
                + " dataset_0\\.sigma\\.c");
    assertThat(info)
        .containsMatch(
            "dataset_1\\.sigma +Relation = dataset_0\\.sigma\\.m \\* 3\\.0 \\+"
                + " dataset_0\\.sigma\\.c");
    assertThat(info).containsMatch("dataset_0\\.sigma\\.m +UniformPrior \\[1\\]");
    // each dataset node counts the free parameters it reads, the relation's leaves included
    assertThat(info).containsMatch("dataset_1 +Gaussian \\(N=3\\)");
    assertThat(collectionDescription(m, c)).containsKey("relations");
  }

  private static java.util.Map<String, Object> collectionDescription(Parameter m, Parameter c) {
    return linearWidths(m, c, 1.0).layout().description();
  }

  @Test
  void everyOperatorAndFunctionEvaluatesAsWritten() {
    Parameter a = Parameter.free("a", Prior.uniform(0, 10));
    Parameter b = Parameter.free("b", Prior.uniform(0, 10));
    Parameter hypot = Parameter.relation("hypot", (x, y) -> Math.hypot(x, y), a, b);
    Parameter many =
        Parameter.relation("weighted", v -> v[0] * 2 + v[1] * 3 + v[2], a, b, Parameter.fixed(7));
    Parameter expression =
        Parameter.exp(a.minus(b).dividedBy(2))
            .plus(Parameter.log(b).times(a.pow(2)))
            .minus(Parameter.abs(a.negate()))
            .plus(Parameter.sqrt(b).pow(b.dividedBy(b)))
            .plus(Parameter.log10(a.times(b)));
    double av = 3;
    double bv = 4;
    double expected =
        Math.exp((av - bv) / 2)
            + Math.log(bv) * av * av
            - Math.abs(-av)
            + Math.sqrt(bv)
            + Math.log10(av * bv);

    ModelCollection collection = new ModelCollection();
    ModelKey<Gaussian> one =
        collection.add(
            "one", GaussianModel.unset().centre(hypot).normalization(many).sigma(expression));
    Gaussian instance = collection.layout().instanceFromVector(new double[] {av, bv}).get(one);

    assertThat(instance.centre()).isEqualTo(5.0);
    assertThat(instance.normalization()).isEqualTo(2 * av + 3 * bv + 7);
    assertThat(instance.sigma()).isWithin(1e-12).of(expected);
    assertThat(collection.layout().relations().get("one.sigma"))
        .isEqualTo(
            "exp((one.centre.a - one.centre.b) / 2.0) + log(one.centre.b) * one.centre.a ** 2.0"
                + " - abs(-one.centre.a) + sqrt(one.centre.b) ** (one.centre.b / one.centre.b)"
                + " + log10(one.centre.a * one.centre.b)");
  }

  @Test
  void aLeafThatFillsASlotOfItsOwnKeepsThatPath() {
    GaussianModel first = GaussianModel.withDefaults();
    GaussianModel second = GaussianModel.withDefaults().centre(first.centre().plus(10));
    ModelCollection collection = new ModelCollection();
    collection.add("first", first);
    collection.add("second", second);

    ModelLayout<CollectionInstance> layout = collection.layout();

    assertThat(layout.priorCount()).isEqualTo(5);
    assertThat(layout.relations()).containsExactly("second.centre", "first.centre + 10.0");
    assertThat(layout.instanceFromVector(new double[] {30, 1, 2, 3, 4}).get("second"))
        .isEqualTo(new Gaussian(40, 3, 4));
  }

  @Test
  void constraintsAcceptExpressions() {
    GaussianModel left = GaussianModel.withDefaults().centre(Prior.uniform(0, 100));
    GaussianModel right = GaussianModel.withDefaults().centre(Prior.uniform(0, 100));
    ModelCollection collection = new ModelCollection();
    collection.add("left", left);
    collection.add("right", right);
    collection.addConstraint(Constraint.lessThan(left.centre().plus(5), right.centre()));

    ModelLayout<CollectionInstance> layout = collection.layout();

    assertThat(layout.constraintDescriptions()).containsExactly("left.centre + 5.0 < right.centre");
    assertThat(layout.satisfiesConstraints(new double[] {10, 1, 1, 16, 1, 1})).isTrue();
    assertThat(layout.satisfiesConstraints(new double[] {10, 1, 1, 14, 1, 1})).isFalse();
  }

  @Test
  void unsetLeavesAndNameClashesAreRefusedWithTheirPaths() {
    ModelCollection unset = new ModelCollection();
    unset.add("one", GaussianModel.withDefaults().sigma(Parameter.unset().times(2)));
    IllegalStateException missing = assertThrows(IllegalStateException.class, unset::layout);
    assertThat(missing).hasMessageThat().contains("one.sigma.argument_0");

    ModelCollection clash = new ModelCollection();
    Parameter first = Parameter.free("m", Prior.uniform(0, 1));
    Parameter second = Parameter.free("m", Prior.uniform(0, 1));
    clash.add("one", GaussianModel.withDefaults().sigma(first.plus(second)));
    IllegalStateException named = assertThrows(IllegalStateException.class, clash::layout);
    assertThat(named).hasMessageThat().contains("two different parameters named m");
  }

  @Test
  void anInstanceDoesNotHoldALeafReadOnlyByRelations() {
    Parameter m = Parameter.free("m", Prior.uniform(0, 2));
    GaussianModel model = GaussianModel.withDefaults().sigma(m.times(2));
    IllegalStateException error =
        assertThrows(
            IllegalStateException.class, () -> model.vectorFromInstance(new Gaussian(1, 1, 1)));
    assertThat(error).hasMessageThat().contains("sigma.m is read only by relations");
  }

  @Test
  void constantsMustBeFinite() {
    Parameter m = Parameter.free(Prior.uniform(0, 2));
    assertThrows(IllegalArgumentException.class, () -> m.times(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> m.dividedBy(0));
  }

  @Test
  void aNonFiniteRelationIsAnErrorNamingItsPathAndPoint() {
    Parameter a = Parameter.free("a", Prior.uniform(-1, 1));
    GaussianModel model = GaussianModel.withDefaults().sigma(Parameter.log(a));

    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> model.layout().instanceFromVector(new double[] {50, 1, -0.5}));
    assertThat(error).hasMessageThat().contains("relation sigma = log(sigma.a) is NaN");
    assertThat(model.layout().instanceFromVector(new double[] {50, 1, 0.5}).sigma())
        .isEqualTo(Math.log(0.5));
  }
}
