package org.graphfit.processor.validation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import org.graphfit.processor.model.AnnotationNames;
import org.graphfit.processor.model.AnnotationSite;
import org.graphfit.processor.model.ComponentDescriptor;
import org.graphfit.processor.model.ComponentReader;
import org.graphfit.processor.model.FixedAnnotation;
import org.graphfit.processor.model.ParameterDescriptor;
import org.graphfit.processor.model.ParameterKind;
import org.graphfit.processor.model.PriorAnnotation;
import org.graphfit.processor.model.PriorType;

/** Checks components and the placement of parameter annotations, collecting every problem. */
public final class Validator {
  /** Names of the methods every generated model has; a parameter accessor must not clash. */
  private static final Set<String> RESERVED_NAMES =
      Set.of(
          "typeName",
          "visitChildren",
          "slotCount",
          "instanceFromSlots",
          "slotsFromInstance",
          "constraints",
          "addConstraint",
          "layout",
          "priorCount",
          "instanceFromUnitVector",
          "instanceFromVector",
          "vectorFromInstance",
          "priorMedians",
          "instanceFromPriorMedians",
          "randomInstance",
          "info",
          "withDefaults",
          "unset",
          "getClass",
          "hashCode",
          "toString",
          "notify",
          "notifyAll",
          "wait",
          "clone",
          "finalize");

  private final ComponentReader reader;

  /**
   * A validator that uses a reader to find the parameters of annotated types.
   *
   * @param reader the reader of this compilation
   */
  public Validator(ComponentReader reader) {
    this.reader = reader;
  }

  /**
   * Checks a component's declaration and, when it could be read, its parameters.
   *
   * @param type the {@code @ModelComponent} type
   * @param descriptor its descriptor, empty if the reader found no parameter list
   * @return every problem found
   */
  public ValidationReport validateComponent(
      TypeElement type, Optional<ComponentDescriptor> descriptor) {
    ValidationReport report = new ValidationReport();
    AnnotationMirror annotation =
        ComponentReader.find(type, AnnotationNames.MODEL_COMPONENT).orElse(null);
    checkDeclaration(type, annotation, report);
    descriptor.ifPresent(component -> component.parameters().forEach(p -> check(p, report)));
    return report;
  }

  /**
   * Checks that a {@code @Shared}, {@code @Fixed} or {@code @Prior.*} annotation sits on a
   * component parameter. Parameters of components that have no parameter list are not judged here:
   * the component's own report says why.
   *
   * @param site the annotation and the element it is on
   * @return the problem, if any
   */
  public ValidationReport validatePlacement(AnnotationSite site) {
    ValidationReport report = new ValidationReport();
    Element element = site.element();
    if (!isParameterPlacement(element, site.mirror())) {
      report.add(
          Message.SHARED_ON_NON_PARAMETER,
          element,
          site.mirror(),
          annotationText(site),
          describe(element.getKind()),
          element.getSimpleName());
    }
    return report;
  }

  private void checkDeclaration(
      TypeElement type, AnnotationMirror annotation, ValidationReport report) {
    ElementKind kind = type.getKind();
    if (kind != ElementKind.RECORD && kind != ElementKind.CLASS) {
      report.add(
          Message.ABSTRACT_COMPONENT, type, annotation, describe(kind), type.getSimpleName());
      return;
    }
    if (type.getModifiers().contains(Modifier.ABSTRACT)) {
      report.add(
          Message.ABSTRACT_COMPONENT, type, annotation, "abstract class", type.getSimpleName());
      return;
    }
    checkVisibility(type, annotation, report);
    if (!type.getTypeParameters().isEmpty()) {
      report.add(
          Message.GENERIC_COMPONENT,
          type,
          annotation,
          type.getSimpleName(),
          type.getTypeParameters());
    }
    if (kind == ElementKind.CLASS) {
      int constructors = ComponentReader.nonPrivateConstructors(type).size();
      if (constructors != 1) {
        report.add(Message.NO_CONSTRUCTOR, type, annotation, type.getSimpleName(), constructors);
      }
    }
  }

  private static void checkVisibility(
      TypeElement type, AnnotationMirror annotation, ValidationReport report) {
    if (type.getModifiers().contains(Modifier.PRIVATE)) {
      report.add(
          Message.PRIVATE_COMPONENT,
          type,
          annotation,
          "component " + type.getSimpleName() + " is private",
          "remove the private modifier");
    }
    Element enclosing = type.getEnclosingElement();
    if (enclosing instanceof TypeElement
        && !type.getModifiers().contains(Modifier.STATIC)
        && type.getKind() == ElementKind.CLASS) {
      report.add(
          Message.PRIVATE_COMPONENT,
          type,
          annotation,
          "component " + type.getSimpleName() + " is an inner (non-static) class",
          "declare it static");
    }
    for (; enclosing instanceof TypeElement; enclosing = enclosing.getEnclosingElement()) {
      if (enclosing.getModifiers().contains(Modifier.PRIVATE)) {
        report.add(
            Message.PRIVATE_COMPONENT,
            type,
            annotation,
            "component "
                + type.getSimpleName()
                + " is inside the private type "
                + enclosing.getSimpleName(),
            "remove the private modifier of " + enclosing.getSimpleName());
      }
    }
  }

  private static void check(ParameterDescriptor parameter, ValidationReport report) {
    Element element = parameter.element();
    String name = parameter.name();
    if (RESERVED_NAMES.contains(name)) {
      report.add(Message.RESERVED_PARAMETER_NAME, element, null, name, name);
    }
    if (parameter.kind() == ParameterKind.OTHER) {
      report.add(Message.UNSUPPORTED_PARAMETER_TYPE, element, null, name, parameter.type());
    }
    if (parameter.readExpression().isEmpty()) {
      String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
      report.add(
          Message.UNREADABLE_PARAMETER,
          element,
          null,
          name,
          name,
          name,
          "get" + capitalized,
          parameter.type());
    }
    if (parameter.kind() != ParameterKind.DOUBLE) {
      for (AnnotationSite site : annotationSites(parameter)) {
        report.add(
            Message.PRIOR_ON_NON_DOUBLE,
            site.element(),
            site.mirror(),
            annotationText(site),
            name,
            parameter.type());
      }
      return;
    }
    checkDefaults(parameter, report);
    parameter.priors().forEach(prior -> checkPrior(name, prior, report));
    parameter.fixed().ifPresent(fixed -> checkFixed(name, fixed, report));
  }

  private static void checkDefaults(ParameterDescriptor parameter, ValidationReport report) {
    List<AnnotationSite> defaults = new ArrayList<>();
    parameter.priors().forEach(prior -> defaults.add(prior.site()));
    parameter.fixed().ifPresent(fixed -> defaults.add(fixed.site()));
    for (int i = 1; i < defaults.size(); i++) {
      AnnotationSite site = defaults.get(i);
      report.add(
          Message.MULTIPLE_PRIORS,
          site.element(),
          site.mirror(),
          parameter.name(),
          annotationText(defaults.get(0)),
          annotationText(site));
    }
    if (parameter.shared().isPresent() && parameter.fixed().isPresent()) {
      AnnotationSite site = parameter.shared().get();
      report.add(Message.SHARED_FIXED, site.element(), site.mirror(), parameter.name());
    }
  }

  private static void checkPrior(String name, PriorAnnotation prior, ValidationReport report) {
    PriorType type = prior.type();
    Set<String> usable = new HashSet<>();
    for (String argument : type.arguments()) {
      double value = prior.argument(argument);
      boolean bound =
          type == PriorType.TRUNCATED_GAUSSIAN
              && (argument.equals("lower") || argument.equals("upper"));
      if (Double.isNaN(value) || (!bound && Double.isInfinite(value))) {
        String rule =
            bound
                ? "a bound must be a number (an infinite bound is allowed, NaN is not)"
                : argument + " must be finite";
        report(
            Message.PRIOR_NOT_FINITE,
            prior,
            report,
            type.displayName(),
            name,
            argument,
            value,
            rule);
      } else {
        usable.add(argument);
      }
    }
    if (usable.contains("sigma") && prior.argument("sigma") <= 0) {
      report(Message.PRIOR_SIGMA, prior, report, type.displayName(), name, prior.argument("sigma"));
    }
    if (type == PriorType.LOG_UNIFORM && usable.contains("lower") && prior.argument("lower") <= 0) {
      report(Message.LOG_UNIFORM_LOWER, prior, report, name, prior.argument("lower"));
    }
    if (!usable.containsAll(List.of("lower", "upper")) || !checkBounds(name, prior, report)) {
      return;
    }
    if (type == PriorType.TRUNCATED_GAUSSIAN && usable.contains("mean")) {
      double mean = prior.argument("mean");
      double lower = prior.argument("lower");
      double upper = prior.argument("upper");
      if (mean < lower || mean > upper) {
        report(Message.TRUNCATED_MEAN, prior, report, name, mean, lower, upper);
      }
    }
  }

  /** Reports reversed or equal bounds; returns whether the bounds are ordered. */
  private static boolean checkBounds(String name, PriorAnnotation prior, ValidationReport report) {
    double lower = prior.argument("lower");
    double upper = prior.argument("upper");
    if (lower < upper) {
      return true;
    }
    report(Message.PRIOR_BOUNDS, prior, report, prior.type().displayName(), name, lower, upper);
    return false;
  }

  private static void checkFixed(String name, FixedAnnotation fixed, ValidationReport report) {
    if (!Double.isFinite(fixed.value())) {
      report.add(
          Message.PRIOR_NOT_FINITE,
          fixed.site().element(),
          fixed.site().mirror(),
          "@Fixed",
          name,
          "value",
          fixed.value(),
          "a fixed value must be finite");
    }
  }

  private static void report(
      Message message, PriorAnnotation prior, ValidationReport report, Object... arguments) {
    report.add(message, prior.site().element(), prior.site().mirror(), arguments);
  }

  private static List<AnnotationSite> annotationSites(ParameterDescriptor parameter) {
    List<AnnotationSite> sites = new ArrayList<>();
    parameter.priors().forEach(prior -> sites.add(prior.site()));
    parameter.shared().ifPresent(sites::add);
    parameter.fixed().ifPresent(fixed -> sites.add(fixed.site()));
    return sites;
  }

  private static String annotationText(AnnotationSite site) {
    PriorType type = PriorType.forAnnotation(ComponentReader.annotationName(site.mirror()));
    return type != null
        ? type.displayName()
        : "@" + site.mirror().getAnnotationType().asElement().getSimpleName();
  }

  private boolean isParameterPlacement(Element element, AnnotationMirror mirror) {
    Element enclosing = element.getEnclosingElement();
    return switch (element.getKind()) {
      case RECORD_COMPONENT -> ComponentReader.isComponent(enclosing);
      case FIELD ->
          propagatedFromRecordComponent(element, (TypeElement) enclosing, mirror)
              || isParameterOf((TypeElement) enclosing, element);
      case PARAMETER ->
          enclosing.getKind() == ElementKind.CONSTRUCTOR
              && (propagatedFromRecordComponent(
                      element, (TypeElement) enclosing.getEnclosingElement(), mirror)
                  || isParameterOf((TypeElement) enclosing.getEnclosingElement(), element));
      default -> false;
    };
  }

  /**
   * Whether an annotated field or parameter of a type corresponds to one of its component
   * parameters: for a class, the constructor parameter itself or the field of the same name. A
   * component without a parameter list accepts every placement, since its own report explains it.
   */
  private boolean isParameterOf(TypeElement owner, Element element) {
    if (!ComponentReader.isComponent(owner)) {
      return false;
    }
    Optional<List<? extends Element>> parameters = reader.parameterElements(owner);
    if (parameters.isEmpty()) {
      return true;
    }
    for (Element parameter : parameters.get()) {
      boolean same =
          element.getKind() == ElementKind.FIELD
              ? parameter.getSimpleName().contentEquals(element.getSimpleName())
              : parameter.equals(element);
      if (same) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the compiler copied this annotation from a record component onto the record's field or
   * canonical constructor parameter; the record component itself is judged instead.
   */
  private static boolean propagatedFromRecordComponent(
      Element element, TypeElement owner, AnnotationMirror mirror) {
    if (owner.getKind() != ElementKind.RECORD) {
      return false;
    }
    String annotation = ComponentReader.annotationName(mirror);
    for (Element component : owner.getRecordComponents()) {
      if (component.getSimpleName().contentEquals(element.getSimpleName())
          && ComponentReader.find(component, annotation).isPresent()) {
        return true;
      }
    }
    return false;
  }

  private static String describe(ElementKind kind) {
    return switch (kind) {
      case INTERFACE -> "interface";
      case ENUM -> "enum";
      case ANNOTATION_TYPE -> "annotation type";
      case RECORD_COMPONENT -> "record component";
      case FIELD -> "field";
      case PARAMETER -> "parameter";
      default -> kind.toString().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
