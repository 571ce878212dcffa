package org.graphfit.processor.validation;

import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import org.graphfit.processor.model.AnnotationNames;
import org.graphfit.processor.model.AnnotationSite;
import org.graphfit.processor.model.ComponentDescriptor;
import org.graphfit.processor.model.ComponentReader;

/** Checks components and the placement of parameter annotations, collecting every problem. */
public final class Validator {
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
   * Checks a component's declaration and, when it could be read, its parameters, including that no
   * nested parameter leads back to the component.
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
    descriptor.ifPresent(
        component -> {
          component.parameters().forEach(p -> ParameterRules.check(p, report));
          NestingRules.check(component, reader, report);
        });
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
          Message.MISPLACED_PARAMETER_ANNOTATION,
          element,
          site.mirror(),
          ParameterRules.annotationText(site),
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
