package org.graphfit.processor.validation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import org.graphfit.processor.model.AnnotationSite;
import org.graphfit.processor.model.ComponentReader;
import org.graphfit.processor.model.FixedAnnotation;
import org.graphfit.processor.model.ParameterDescriptor;
import org.graphfit.processor.model.ParameterKind;
import org.graphfit.processor.model.PriorAnnotation;
import org.graphfit.processor.model.PriorType;
import org.graphfit.processor.model.SizeAnnotation;

/** The rules for one component parameter: its type, name, readability and default annotations. */
final class ParameterRules {
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
          "copy",
          "copyConstraints",
          "unset",
          "getClass",
          "hashCode",
          "toString",
          "notify",
          "notifyAll",
          "wait",
          "clone",
          "finalize");

  private ParameterRules() {}

  /**
   * Checks one parameter.
   *
   * @param parameter the parameter
   * @param report receives every problem
   */
  static void check(ParameterDescriptor parameter, ValidationReport report) {
    Element element = parameter.element();
    String name = parameter.name();
    if (RESERVED_NAMES.contains(name)) {
      report.add(Message.RESERVED_PARAMETER_NAME, element, null, name, name);
    }
    if (parameter.kind() == ParameterKind.OTHER && parameter.listElement().isPresent()) {
      TypeMirror elementType = parameter.listElement().get();
      report.add(Message.LIST_ELEMENT, element, null, name, elementType, listAdvice(elementType));
    } else if (parameter.kind() == ParameterKind.OTHER) {
      report.add(
          Message.UNSUPPORTED_PARAMETER_TYPE,
          element,
          null,
          name,
          parameter.type(),
          typeAdvice(parameter.type()));
    }
    parameter.size().ifPresent(size -> checkSize(parameter, size, report));
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
    if (parameter.kind() == ParameterKind.OTHER) {
      return;
    }
    if (parameter.kind() == ParameterKind.NESTED || parameter.kind() == ParameterKind.LIST) {
      for (AnnotationSite site : annotationSites(parameter)) {
        report.add(
            Message.ANNOTATION_ON_COMPONENT,
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

  /**
   * How to fix a parameter of an unsupported type: a number or text is declared {@code double},
   * only a class of the user's own can become a nested component.
   */
  private static String typeAdvice(TypeMirror type) {
    if (type.getKind() == TypeKind.ARRAY) {
      return "declare it double[] (one free parameter per element), or a List of a"
          + " @ModelComponent type";
    }
    boolean ownClass =
        type.getKind() == TypeKind.DECLARED
            && !type.toString().startsWith("java.")
            && !type.toString().startsWith("javax.");
    return ownClass
        ? "annotate "
            + type
            + " with @ModelComponent to make it a nested model, or change the"
            + " parameter's type"
        : "declare it double (a number the search varies), or keep it out of the component (e.g."
            + " as a field of the analysis)";
  }

  private static String listAdvice(TypeMirror elementType) {
    boolean ownClass =
        elementType.getKind() == TypeKind.DECLARED
            && !elementType.toString().startsWith("java.")
            && !elementType.toString().startsWith("javax.");
    return ownClass
        ? "annotate " + elementType + " with @ModelComponent"
        : "declare a list of numbers as double[], or keep the list out of the component (e.g. as"
            + " a field of the analysis)";
  }

  /** {@code @Size} only on arrays and lists (a wrong type is reported once, elsewhere). */
  private static void checkSize(
      ParameterDescriptor parameter, SizeAnnotation size, ValidationReport report) {
    AnnotationSite site = size.site();
    if (parameter.kind() == ParameterKind.DOUBLE || parameter.kind() == ParameterKind.NESTED) {
      report.add(
          Message.SIZE_TARGET, site.element(), site.mirror(), parameter.name(), parameter.type());
    } else if (size.value() < 0) {
      report.add(
          Message.NEGATIVE_SIZE, site.element(), site.mirror(), parameter.name(), size.value());
    }
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
    if (usable.contains("scale") && prior.argument("scale") <= 0) {
      report(Message.PRIOR_SCALE, prior, report, type.displayName(), name, prior.argument("scale"));
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

  static String annotationText(AnnotationSite site) {
    PriorType type = PriorType.forAnnotation(ComponentReader.annotationName(site.mirror()));
    return type != null
        ? type.displayName()
        : "@" + site.mirror().getAnnotationType().asElement().getSimpleName();
  }
}
